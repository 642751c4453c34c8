package io.meshguard.quarkus.runtime;

import io.meshguard.core.MeshIdentity;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import java.util.Objects;

/**
 * The authentication request {@link MeshguardAuthenticationMechanism} hands to {@link
 * MeshIdentityProvider}: an identity meshguard has already checked.
 *
 * @since 0.1.0
 */
public final class MeshAuthenticationRequest extends BaseAuthenticationRequest {

  private final MeshIdentity identity;

  /** A request for {@code identity}. */
  public MeshAuthenticationRequest(MeshIdentity identity) {
    this.identity = Objects.requireNonNull(identity, "identity");
  }

  /** The checked identity. */
  public MeshIdentity identity() {
    return identity;
  }
}
