package io.meshguard.core.peer;

import io.meshguard.core.internal.ReloadingFile;
import io.spiffe.bundle.BundleSource;
import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.exception.BundleNotFoundException;
import io.spiffe.spiffeid.TrustDomain;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * An X.509 trust bundle (PEM CA certificates of one trust domain) that is reloaded when its file
 * changes, for {@link CertificatePeerResolver.Builder#bundles}. Like the policy watcher it checks
 * the file's real path and content hash at an interval, so a Kubernetes Secret update (a {@code
 * ..data} symlink swap) is picked up; a version that fails to parse keeps the previous bundle in
 * force. Thread-safe.
 *
 * @since 0.1.0
 */
public final class X509BundleWatcher implements BundleSource<X509Bundle>, AutoCloseable {

  private final TrustDomain trustDomain;
  private final ReloadingFile<X509Bundle> file;

  private X509BundleWatcher(TrustDomain trustDomain, ReloadingFile<X509Bundle> file) {
    this.trustDomain = trustDomain;
    this.file = file;
  }

  /**
   * Loads {@code file} as the bundle of {@code trustDomain} and watches it.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when the first version is not a PEM bundle
   */
  public static X509BundleWatcher watch(String trustDomain, Path file, Duration interval)
      throws IOException {
    TrustDomain domain = TrustDomain.parse(Objects.requireNonNull(trustDomain, "trustDomain"));
    return new X509BundleWatcher(
        domain, ReloadingFile.watch(file, interval, content -> X509Bundle.parse(domain, content)));
  }

  /** The bundle in force now. */
  public X509Bundle bundle() {
    return file.get();
  }

  @Override
  public X509Bundle getBundleForTrustDomain(TrustDomain domain) throws BundleNotFoundException {
    if (!trustDomain.equals(domain)) {
      throw new BundleNotFoundException("No bundle for trust domain " + domain.getName());
    }
    return file.get();
  }

  /** Checks for a new version now (the schedule does this on its own). */
  public void check() {
    file.check();
  }

  /** Stops watching. */
  @Override
  public void close() {
    file.close();
  }
}
