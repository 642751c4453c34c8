package io.meshguard.core.peer;

import io.spiffe.bundle.BundleSource;
import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.exception.BundleNotFoundException;
import io.spiffe.spiffeid.SpiffeId;
import io.spiffe.svid.x509svid.X509SvidValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the calling workload in the client certificate chain of an mTLS connection the application
 * terminates itself (no sidecar). The leaf must carry exactly one URI SAN (X509-SVID §2), a strict
 * SPIFFE ID with a workload path in an accepted trust domain. When a trust bundle source is given,
 * the chain must also verify against the bundle of the peer's trust domain (java-spiffe-core's
 * {@link X509SvidValidator}); without one, the TLS stack that accepted the connection is trusted to
 * have verified it.
 *
 * <p>Immutable and thread-safe when the bundle source is.
 *
 * @see <a href="https://github.com/spiffe/spiffe/blob/main/standards/X509-SVID.md">X509-SVID</a>
 * @since 0.1.0
 */
public final class CertificatePeerResolver implements AutoCloseable {

  private static final int URI_SAN = 6;

  private final Set<String> trustDomains;
  private final @Nullable BundleSource<X509Bundle> bundles;

  private CertificatePeerResolver(Builder builder) {
    this.trustDomains = Set.copyOf(builder.trustDomains);
    this.bundles = builder.bundles;
  }

  /** A builder; at least one trust domain must be given. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The peer named by the chain's leaf.
   *
   * @param chain the client certificate chain, leaf first, as the container exposes it; {@code
   *     null} or empty when the client presented none
   */
  public PeerResult resolve(X509Certificate @Nullable [] chain) {
    if (chain == null || chain.length == 0) {
      return PeerResult.Absent.of(PeerAbsence.NO_CERTIFICATE);
    }
    String uri = singleUriSan(chain[0]);
    if (uri == null) {
      return PeerResult.Absent.of(PeerAbsence.NOT_ONE_URI_SAN);
    }
    Optional<SpiffeId> id = SpiffeIds.tryParse(uri);
    if (id.isEmpty()) {
      return PeerResult.Absent.of(PeerAbsence.INVALID_SPIFFE_ID);
    }
    PeerResult result =
        TrustDomains.peer(id.get(), trustDomains, PeerIdentity.Source.CLIENT_CERTIFICATE);
    if (result instanceof PeerResult.Present && bundles != null && !verifies(chain)) {
      return PeerResult.Absent.of(PeerAbsence.CERTIFICATE_NOT_TRUSTED);
    }
    return result;
  }

  private boolean verifies(X509Certificate[] chain) {
    try {
      X509SvidValidator.verifyChain(Arrays.asList(chain), bundles);
      return true;
    } catch (CertificateException | BundleNotFoundException | RuntimeException e) {
      return false;
    }
  }

  private static @Nullable String singleUriSan(X509Certificate leaf) {
    Collection<List<?>> names;
    try {
      names = leaf.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return null;
    }
    if (names == null) {
      return null;
    }
    String uri = null;
    for (List<?> name : names) {
      if (name.size() >= 2 && Integer.valueOf(URI_SAN).equals(name.get(0))) {
        if (uri != null || !(name.get(1) instanceof String)) {
          return null;
        }
        uri = (String) name.get(1);
      }
    }
    return uri;
  }

  /** The accepted trust domain names. */
  public Set<String> trustDomains() {
    return trustDomains;
  }

  /**
   * Stops the bundle source when it is {@link AutoCloseable} (an {@link X509BundleWatcher}).
   * Idempotent.
   */
  @Override
  public void close() {
    if (bundles instanceof AutoCloseable) {
      try {
        ((AutoCloseable) bundles).close();
      } catch (Exception e) {
        throw new IllegalStateException("Could not close the trust bundle source", e);
      }
    }
  }

  /**
   * Builds a {@link CertificatePeerResolver}. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Set<String> trustDomains = new LinkedHashSet<>();
    private @Nullable BundleSource<X509Bundle> bundles;

    private Builder() {}

    /** Adds accepted trust domain names, such as {@code example.org}. */
    public Builder trustDomains(String... names) {
      return trustDomains(Arrays.asList(names));
    }

    /** Adds accepted trust domain names, such as {@code example.org}. */
    public Builder trustDomains(Collection<String> names) {
      trustDomains.addAll(TrustDomains.validated(names));
      return this;
    }

    /**
     * Verifies every chain against the X.509 bundle of the peer's trust domain (for example an
     * {@link X509Bundle} loaded with {@code X509Bundle.load(TrustDomain, Path)}, or an {@code
     * X509BundleSet}).
     */
    public Builder bundles(BundleSource<X509Bundle> bundles) {
      this.bundles = java.util.Objects.requireNonNull(bundles, "bundles");
      return this;
    }

    /**
     * The resolver.
     *
     * @throws IllegalStateException when no trust domain was given
     */
    public CertificatePeerResolver build() {
      if (trustDomains.isEmpty()) {
        throw new IllegalStateException("At least one accepted trust domain is required");
      }
      return new CertificatePeerResolver(this);
    }
  }
}
