package io.meshguard.core.peer;

import io.spiffe.spiffeid.SpiffeId;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated calling workload: its SPIFFE ID and where meshguard learned it. Immutable; the
 * text form and the Istio namespace and service account are worked out once, at construction.
 *
 * @since 0.1.0
 */
public final class PeerIdentity {

  /** Where a peer identity came from. */
  public enum Source {
    /**
     * The last element of Envoy's {@code x-forwarded-client-cert}, appended by the local sidecar.
     */
    XFCC,
    /** The URI SAN of the client certificate of an mTLS connection the application terminated. */
    CLIENT_CERTIFICATE
  }

  private final SpiffeId spiffeId;
  private final Source source;
  private final String id;
  private final @Nullable String namespace;
  private final @Nullable String serviceAccount;

  /**
   * A peer.
   *
   * @param spiffeId the peer's SPIFFE ID, strictly parsed, with a non-root path
   * @param source where it came from
   * @throws IllegalArgumentException when the ID has no workload path
   */
  public PeerIdentity(SpiffeId spiffeId, Source source) {
    this.spiffeId = Objects.requireNonNull(spiffeId, "spiffeId");
    this.source = Objects.requireNonNull(source, "source");
    if (!SpiffeIds.isWorkloadId(spiffeId)) {
      throw new IllegalArgumentException("A peer's SPIFFE ID needs a non-root path");
    }
    this.id = SpiffeIds.SCHEME_PREFIX + spiffeId.getTrustDomain().getName() + spiffeId.getPath();
    String path = spiffeId.getPath();
    String ns = null;
    String sa = null;
    if (path.startsWith("/ns/")) {
      int nsEnd = path.indexOf('/', 4);
      if (nsEnd > 4 && path.startsWith("/sa/", nsEnd)) {
        int saStart = nsEnd + 4;
        if (saStart < path.length() && path.indexOf('/', saStart) < 0) {
          ns = path.substring(4, nsEnd);
          sa = path.substring(saStart);
        }
      }
    }
    this.namespace = ns;
    this.serviceAccount = sa;
  }

  /** The peer's SPIFFE ID. */
  public SpiffeId spiffeId() {
    return spiffeId;
  }

  /** Where it came from. */
  public Source source() {
    return source;
  }

  /** The SPIFFE ID as text, for example {@code spiffe://cluster.local/ns/a/sa/b}. */
  public String id() {
    return id;
  }

  /**
   * The Istio namespace, when the path has exactly Istio's form {@code
   * /ns/<namespace>/sa/<account>}; empty otherwise (no looser reading: {@code /ns/a/sa/b/extra} has
   * no namespace).
   */
  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  /**
   * The Istio service account, when the path has exactly the form {@code /ns/<ns>/sa/<account>}.
   */
  public Optional<String> serviceAccount() {
    return Optional.ofNullable(serviceAccount);
  }

  /** Whether the path is exactly {@code /ns/<namespace>/sa/<any account>}; allocation-free. */
  public boolean isInNamespace(String namespace) {
    return namespace.equals(this.namespace);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof PeerIdentity
        && ((PeerIdentity) other).id.equals(id)
        && ((PeerIdentity) other).source == source;
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + source.hashCode();
  }

  /** The SPIFFE ID, for example {@code spiffe://cluster.local/ns/api-system/sa/gateway}. */
  @Override
  public String toString() {
    return id;
  }
}
