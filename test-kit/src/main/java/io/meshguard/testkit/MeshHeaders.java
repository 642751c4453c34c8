package io.meshguard.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Header values as the mesh sends them, for integration tests of a service behind meshguard.
 *
 * <pre>{@code
 * String payload = MeshHeaders.payload(Payload.issuedBy("https://auth.example.com")
 *     .subject("alice").scope("orders:read").expiresIn(Duration.ofHours(1)));
 * String xfcc = MeshHeaders.xfcc("spiffe://cluster.local/ns/api-system/sa/orders",
 *     "spiffe://cluster.local/ns/api-system/sa/gateway");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class MeshHeaders {

  /** The payload header Istio's {@code outputPayloadToHeader} examples use. */
  public static final String PAYLOAD_HEADER = "x-jwt-payload";

  /** Envoy's client certificate header. */
  public static final String XFCC_HEADER = "x-forwarded-client-cert";

  private static final String SAMPLE_HASH =
      "468ed33be74eee6556d90c0149c1309e9ba61d6425303443c0748a02dd8de688";

  private MeshHeaders() {}

  /** Unpadded base64url of the payload's JSON: what Istio forwards. */
  public static String payload(Payload payload) {
    return payload(payload.toJson());
  }

  /** Unpadded base64url of {@code json}: what Istio forwards. */
  public static String payload(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(json));
  }

  /**
   * Padded base64url of {@code json}: what Envoy forwards with {@code pad_forward_payload_header}.
   */
  public static String paddedPayload(String json) {
    return Base64.getUrlEncoder().encodeToString(utf8(json));
  }

  /**
   * {@code json} as a raw-JSON header value, for services that switch that development encoding on:
   * its UTF-8 octets, one {@code char} per octet, which is how servlet containers, Vert.x and
   * {@link io.meshguard.core.request.MeshRequest} hand header octets over (ISO-8859-1). Write it to
   * a raw socket as ISO-8859-1; an HTTP client that accepts only ASCII header values cannot send
   * it.
   */
  public static String rawPayload(String json) {
    return new String(utf8(json), java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /**
   * {@code json} percent-encoded per RFC 3986 (every byte outside the unreserved set escaped), for
   * services that switch that development encoding on.
   */
  public static String percentEncodedPayload(String json) {
    StringBuilder out = new StringBuilder();
    for (byte b : utf8(json)) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }

  /**
   * One XFCC element as Istio's inbound sidecar appends it: {@code
   * By=<self>;Hash=<hex>;Subject="";URI=<peer>}.
   *
   * @param self this workload's SPIFFE ID
   * @param peer the calling workload's SPIFFE ID
   */
  public static String xfcc(String self, String peer) {
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(peer, "peer");
    return "By=" + self + ";Hash=" + SAMPLE_HASH + ";Subject=\"\";URI=" + peer;
  }

  /**
   * An XFCC header where the caller sent its own element before the sidecar appended the real one:
   * a spoofing attempt that only the last element defeats.
   */
  public static String spoofedXfcc(String spoofedPeer, String self, String realPeer) {
    return "By=" + self + ";URI=" + spoofedPeer + "," + xfcc(self, realPeer);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
