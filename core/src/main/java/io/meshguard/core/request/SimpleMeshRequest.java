package io.meshguard.core.request;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The request {@link MeshRequest.Builder} makes: immutable, not API. */
record SimpleMeshRequest(
    String method,
    String rawPath,
    Map<String, List<String>> headerMap,
    X509Certificate @Nullable [] certificates,
    int localPort,
    @Nullable String explicitAuthority)
    implements MeshRequest {
  @Override
  public @Nullable String authority() {
    return explicitAuthority != null ? explicitAuthority : MeshRequest.super.authority();
  }

  @Override
  public List<String> headers(String name) {
    return headerMap.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  @Override
  public X509Certificate @Nullable [] clientCertificates() {
    return certificates == null ? null : certificates.clone();
  }
}
