package io.meshguard.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Mints payload header values for core's own tests. */
public final class TestPayloads {

  /** Envoy's jwt_authn test payload as the header carries it, unpadded (test_common.h). */
  public static final String ENVOY_UNPADDED =
      "eyJpc3MiOiJodHRwczovL2V4YW1wbGUuY29tIiwic3ViIjoidGVzdEBleGFtcGxlLmNvbSIsImV4cCI6MjAwMTAwMTAwMSwiYXVkIjoiZXhhbXBsZV9zZXJ2aWNlIn0";

  /** The same with {@code pad_forward_payload_header: true}. */
  public static final String ENVOY_PADDED = ENVOY_UNPADDED + "=";

  private TestPayloads() {}

  /** Unpadded base64url of the UTF-8 bytes of {@code json}, as Istio forwards it. */
  public static String unpadded(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(json));
  }

  /** Padded base64url. */
  public static String padded(String json) {
    return Base64.getUrlEncoder().encodeToString(utf8(json));
  }

  /** Unpadded base64url of raw bytes. */
  public static String unpadded(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
