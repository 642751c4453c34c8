package io.meshguard.quarkus.deployment;

import io.meshguard.quarkus.runtime.EndpointRoute;
import io.quarkus.builder.item.SimpleBuildItem;
import java.util.List;

/** The Quarkus REST resource methods meshguard found, with their full path templates. */
public final class MeshguardEndpointsBuildItem extends SimpleBuildItem {

  private final List<EndpointRoute> endpoints;

  /** The endpoints. */
  public MeshguardEndpointsBuildItem(List<EndpointRoute> endpoints) {
    this.endpoints = List.copyOf(endpoints);
  }

  /** The endpoints, in the order found. */
  public List<EndpointRoute> endpoints() {
    return endpoints;
  }
}
