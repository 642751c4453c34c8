package io.meshguard.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class X509BundleWatcherTests {

  private static final String PEER = "spiffe://example.org/ns/default/sa/client";

  private static String pem(X509Certificate certificate) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  private static boolean trusted(CertificatePeerResolver resolver, X509Certificate leaf) {
    return resolver.resolve(new X509Certificate[] {leaf}) instanceof PeerResult.Present;
  }

  @Test
  void checkWhenTheSecretsDataSymlinkSwapsThenTheNewBundleDecides(@TempDir Path dir)
      throws Exception {
    TestCertificates.Issued first = TestCertificates.authority("example.org");
    TestCertificates.Issued second = TestCertificates.authority("example.org");
    X509Certificate fromFirst = TestCertificates.leaf(first, PEER);
    X509Certificate fromSecond = TestCertificates.leaf(second, PEER);
    Path v1 = Files.createDirectory(dir.resolve("..v1"));
    Path v2 = Files.createDirectory(dir.resolve("..v2"));
    Files.writeString(v1.resolve("bundle.pem"), pem(first.certificate()));
    Files.writeString(v2.resolve("bundle.pem"), pem(second.certificate()));
    Path data = dir.resolve("..data");
    Files.createSymbolicLink(data, v1.getFileName());
    Path file = dir.resolve("bundle.pem");
    Files.createSymbolicLink(file, Path.of("..data", "bundle.pem"));

    try (X509BundleWatcher bundles =
        X509BundleWatcher.watch("example.org", file, Duration.ofHours(1))) {
      CertificatePeerResolver resolver =
          CertificatePeerResolver.builder().trustDomains("example.org").bundles(bundles).build();
      assertThat(trusted(resolver, fromFirst)).isTrue();
      assertThat(trusted(resolver, fromSecond)).isFalse();

      Path next = dir.resolve("..data_tmp");
      Files.createSymbolicLink(next, v2.getFileName());
      Files.move(next, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      bundles.check();
      assertThat(trusted(resolver, fromFirst)).isFalse();
      assertThat(trusted(resolver, fromSecond)).isTrue();

      Files.writeString(v2.resolve("bundle.pem"), "not a bundle");
      bundles.check();
      assertThat(trusted(resolver, fromSecond))
          .as("a broken version keeps the previous one")
          .isTrue();
    }
  }
}
