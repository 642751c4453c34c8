package io.meshguard.core.mesh;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the application trusts, as the {@link AlignmentCheck} compares it with the mesh: the small
 * part of meshguard's configuration that must agree with the manifests.
 *
 * @param issuers the accepted issuers, each with the audiences a token of it must name (empty: any
 *     audience); empty when the application does not restrict issuers
 * @param payloadHeader the header the application reads the JWT payload from (lower-cased here)
 * @param readsXfcc whether the application reads the peer from {@code x-forwarded-client-cert}
 * @param requiresPeer whether some endpoint requires a peer (a SPIFFE ID)
 * @since 0.1.0
 */
public record ApplicationTrust(
    List<Issuer> issuers, String payloadHeader, boolean readsXfcc, boolean requiresPeer) {

  /** Checks and copies the parts. */
  public ApplicationTrust {
    issuers = List.copyOf(issuers);
    Objects.requireNonNull(payloadHeader, "payloadHeader");
    if (payloadHeader.isEmpty()) {
      throw new IllegalArgumentException("The payload header is required");
    }
    payloadHeader = payloadHeader.toLowerCase(Locale.ROOT);
  }

  /**
   * The flat shorthand of meshguard's {@code issuers}/{@code audiences}: every issuer with every
   * audience.
   */
  public static ApplicationTrust of(
      List<String> issuers,
      List<String> audiences,
      String payloadHeader,
      boolean readsXfcc,
      boolean requiresPeer) {
    return new ApplicationTrust(
        issuers.stream().map(issuer -> new Issuer(issuer, audiences)).toList(),
        payloadHeader,
        readsXfcc,
        requiresPeer);
  }

  /**
   * One accepted issuer and its audiences.
   *
   * @param issuer the {@code iss} value, exactly
   * @param audiences the audiences a token of this issuer must name one of; empty: any
   */
  public record Issuer(String issuer, List<String> audiences) {

    /** Checks and copies the parts. */
    public Issuer {
      Objects.requireNonNull(issuer, "issuer");
      audiences = List.copyOf(audiences);
    }
  }
}
