package io.meshguard.core.peer;

import io.spiffe.spiffeid.SpiffeId;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the calling workload in Envoy's {@code x-forwarded-client-cert} header.
 *
 * <p>Istio's inbound sidecar runs XFCC in {@code APPEND_FORWARD} mode: it appends its own element,
 * after authenticating the peer over mTLS, to whatever the caller sent. So only the <em>last</em>
 * element is trusted. It names the peer only if it has exactly one {@code URI} key, non-empty,
 * whose value is a strict SPIFFE ID (see {@link SpiffeIds}) with a workload path in an accepted
 * trust domain; optionally its single {@code By} must equal this workload's own SPIFFE ID. A header
 * that does not parse as a whole (see {@link XfccParser}) names no peer.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class XfccPeerResolver {

  /** The header Envoy uses: {@code x-forwarded-client-cert}. */
  public static final String DEFAULT_HEADER = "x-forwarded-client-cert";

  private final Set<String> trustDomains;
  private final @Nullable String expectedBy;

  private XfccPeerResolver(Builder builder) {
    this.trustDomains =
        java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(builder.trustDomains));
    this.expectedBy = builder.expectedBy;
  }

  /** A builder; at least one trust domain must be given. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The peer named by all lines of the header, in order.
   *
   * @param lines every value of the header the request carried; empty when it had none
   */
  public PeerResult resolve(List<String> lines) {
    if (lines.isEmpty()) {
      return PeerResult.Absent.of(PeerAbsence.NO_HEADER);
    }
    // Only the last element's URI (and By) are read: its other values are never copied.
    XfccParser.Pairs last;
    try {
      last = XfccParser.parseLastPairs(lines);
    } catch (XfccFormatException e) {
      return PeerResult.Absent.of(PeerAbsence.MALFORMED_HEADER);
    }
    int uris = last.count(XfccElement.URI);
    if (uris == 0) {
      return PeerResult.Absent.of(PeerAbsence.NO_URI);
    }
    if (uris > 1) {
      return PeerResult.Absent.of(PeerAbsence.MULTIPLE_URIS);
    }
    String uri = Objects.requireNonNull(last.singleOrNull(XfccElement.URI));
    if (uri.isEmpty()) {
      return PeerResult.Absent.of(PeerAbsence.EMPTY_URI);
    }
    if (expectedBy != null && !expectedBy.equals(last.singleOrNull(XfccElement.BY))) {
      return PeerResult.Absent.of(PeerAbsence.UNEXPECTED_BY);
    }
    Optional<SpiffeId> id = SpiffeIds.tryParse(uri);
    if (id.isEmpty()) {
      return PeerResult.Absent.of(PeerAbsence.INVALID_SPIFFE_ID);
    }
    return TrustDomains.peer(id.get(), trustDomains, PeerIdentity.Source.XFCC);
  }

  /** The accepted trust domain names, in the order they were configured. */
  public Set<String> trustDomains() {
    return trustDomains;
  }

  /** This workload's own SPIFFE ID that {@code By} must equal, if that is checked. */
  public Optional<String> expectedBy() {
    return Optional.ofNullable(expectedBy);
  }

  /**
   * Builds an {@link XfccPeerResolver}. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Set<String> trustDomains = new java.util.LinkedHashSet<>();
    private @Nullable String expectedBy;

    private Builder() {}

    /** Adds accepted trust domain names, such as {@code cluster.local}. */
    public Builder trustDomains(String... names) {
      return trustDomains(Arrays.asList(names));
    }

    /** Adds accepted trust domain names, such as {@code cluster.local}. */
    public Builder trustDomains(Collection<String> names) {
      trustDomains.addAll(TrustDomains.validated(names));
      return this;
    }

    /**
     * Requires the last element's single {@code By} to equal this workload's own SPIFFE ID (off by
     * default).
     *
     * @throws IllegalArgumentException when {@code ownId} is not a strict SPIFFE ID
     */
    public Builder expectedBy(String ownId) {
      this.expectedBy = SpiffeIds.parse(ownId).toString();
      return this;
    }

    /**
     * The resolver.
     *
     * @throws IllegalStateException when no trust domain was given: with none, no peer is accepted
     */
    public XfccPeerResolver build() {
      if (trustDomains.isEmpty()) {
        throw new IllegalStateException("At least one accepted trust domain is required");
      }
      return new XfccPeerResolver(this);
    }
  }
}
