package io.meshguard.core.peer;

import io.spiffe.spiffeid.SpiffeId;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated calling workload: its SPIFFE ID and where meshguard learned it.
 *
 * @param spiffeId the peer's SPIFFE ID, strictly parsed, with a non-root path
 * @param source where it came from
 * @since 0.1.0
 */
public record PeerIdentity(SpiffeId spiffeId, Source source) {

  /** Where a peer identity came from. */
  public enum Source {
    /**
     * The last element of Envoy's {@code x-forwarded-client-cert}, appended by the local sidecar.
     */
    XFCC,
    /** The URI SAN of the client certificate of an mTLS connection the application terminated. */
    CLIENT_CERTIFICATE
  }

  /** Checks both parts are present and the ID names a workload. */
  public PeerIdentity {
    Objects.requireNonNull(spiffeId, "spiffeId");
    Objects.requireNonNull(source, "source");
    if (!SpiffeIds.isWorkloadId(spiffeId)) {
      throw new IllegalArgumentException("A peer's SPIFFE ID needs a non-root path");
    }
  }

  /**
   * The Istio namespace, when the path has exactly Istio's form {@code
   * /ns/<namespace>/sa/<account>}; empty otherwise (no looser reading: {@code /ns/a/sa/b/extra} has
   * no namespace).
   */
  public Optional<String> namespace() {
    String[] parts = istioParts();
    return parts == null ? Optional.empty() : Optional.of(parts[0]);
  }

  /**
   * The Istio service account, when the path has exactly the form {@code /ns/<ns>/sa/<account>}.
   */
  public Optional<String> serviceAccount() {
    String[] parts = istioParts();
    return parts == null ? Optional.empty() : Optional.of(parts[1]);
  }

  private String @Nullable [] istioParts() {
    String path = spiffeId.getPath();
    if (!path.startsWith("/ns/")) {
      return null;
    }
    int nsEnd = path.indexOf('/', 4);
    if (nsEnd < 0 || !path.startsWith("/sa/", nsEnd)) {
      return null;
    }
    int saStart = nsEnd + 4;
    if (saStart == path.length() || path.indexOf('/', saStart) >= 0) {
      return null;
    }
    return new String[] {path.substring(4, nsEnd), path.substring(saStart)};
  }

  /** The SPIFFE ID, for example {@code spiffe://cluster.local/ns/api-system/sa/gateway}. */
  @Override
  public String toString() {
    return spiffeId.toString();
  }
}
