package io.meshguard.core.peer;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made at test time, so no fixture ever expires. */
final class TestCertificates {

  private static final AtomicLong SERIAL = new AtomicLong(1);

  /** A certificate and its key. */
  record Issued(X509Certificate certificate, KeyPair keys) {}

  private TestCertificates() {}

  static KeyPair keyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  static Issued authority(String trustDomain) throws Exception {
    KeyPair keys = keyPair();
    X500Name name = new X500Name("CN=" + trustDomain + " root");
    X509v3CertificateBuilder builder =
        builder(name, name, keys)
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
            .addExtension(
                Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
            .addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(
                    new GeneralName(
                        GeneralName.uniformResourceIdentifier, "spiffe://" + trustDomain)));
    return new Issued(sign(builder, keys), keys);
  }

  /** A leaf signed by {@code issuer}, with one URI SAN per element of {@code uris}. */
  static X509Certificate leaf(Issued issuer, String... uris) throws Exception {
    KeyPair keys = keyPair();
    X509v3CertificateBuilder builder =
        builder(
                new X500Name(issuer.certificate().getSubjectX500Principal().getName()),
                new X500Name("CN=workload"),
                keys)
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    if (uris.length > 0) {
      GeneralName[] names = new GeneralName[uris.length];
      for (int i = 0; i < uris.length; i++) {
        names[i] = new GeneralName(GeneralName.uniformResourceIdentifier, uris[i]);
      }
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }
    return sign(builder, issuer.keys());
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.getAndIncrement()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }
}
