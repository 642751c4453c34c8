package io.meshguard.cli;

import io.meshguard.core.request.MeshRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request as {@code explain} and {@code test} describe it, turned into the headers the sidecar
 * would have sent: the claims as the payload header (unpadded base64url of their JSON, as Istio's
 * {@code outputPayloadToHeader}), the peer as the XFCC element the sidecar appends.
 *
 * @param method the HTTP method
 * @param path the raw path, query excluded
 * @param claimsJson the claims as JSON, sent base64url-encoded; exclusive with {@code payload}
 * @param payload the payload header's value, sent as it is
 * @param peer the calling workload's SPIFFE ID; exclusive with {@code xfcc}
 * @param xfcc the XFCC header's value, sent as it is
 * @param headers further headers, each line in order
 * @param port the port the request arrives on, 0 when unknown
 * @param authority the authority ({@code :authority}/{@code Host}), or {@code null}
 */
record RequestSpec(
    String method,
    String path,
    @Nullable String claimsJson,
    @Nullable String payload,
    @Nullable String peer,
    @Nullable String xfcc,
    List<Map.Entry<String, String>> headers,
    int port,
    @Nullable String authority) {

  RequestSpec {
    headers = List.copyOf(headers);
    if (claimsJson != null && payload != null) {
      throw new IllegalArgumentException("give the claims or the payload, not both");
    }
    if (peer != null && xfcc != null) {
      throw new IllegalArgumentException("give the peer or the XFCC value, not both");
    }
  }

  /** The payload header's value: what the sidecar forwards for these claims. */
  static String encode(String claimsJson) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
  }

  /** The XFCC value the sidecar appends for a caller with {@code peer} as its SPIFFE ID. */
  static String xfccFor(String peer) {
    return "URI=" + peer;
  }

  /** The request, with the guard's header names. */
  MeshRequest toRequest(Guard guard) {
    MeshRequest.Builder request = MeshRequest.builder().method(method).path(path);
    if (port > 0) {
      request.localPort(port);
    }
    if (authority != null) {
      request.authority(authority);
    }
    if (claimsJson != null) {
      request.header(guard.payloadHeader(), encode(claimsJson));
    } else if (payload != null) {
      request.header(guard.payloadHeader(), payload);
    }
    if (peer != null) {
      request.header(guard.xfccHeader(), xfccFor(peer));
    } else if (xfcc != null) {
      request.header(guard.xfccHeader(), xfcc);
    }
    for (Map.Entry<String, String> header : headers) {
      request.header(header.getKey(), header.getValue());
    }
    return request.build();
  }
}
