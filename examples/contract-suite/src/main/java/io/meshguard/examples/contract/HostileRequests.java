package io.meshguard.examples.contract;

import static io.meshguard.testkit.MeshFixtures.GATEWAY;
import static io.meshguard.testkit.MeshFixtures.SELF;

import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/**
 * Raw HTTP/1.1 requests built from a fixed seed out of the pieces that broke adapters before:
 * percent escapes of every kind ({@code %25}, {@code %00}, reserved, unreserved, broken), dot
 * segments, path parameters, raw non-ASCII octets, odd hosts, and identity headers with legal but
 * unusual scope tokens, malformed encodings and broken XFCC. Written as ISO-8859-1, one octet per
 * char, with no raw space, CR or LF in the request line.
 */
final class HostileRequests {

  /** How many requests one run sends. */
  static final int COUNT = 400;

  private static final List<String> METHODS =
      List.of("GET", "GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD");

  private static final List<String> SEGMENTS =
      List.of(
          "api",
          "v1",
          "orders",
          "whoami",
          "health",
          "42",
          "a%3Ab",
          "a:b",
          "%41dmin",
          "%25",
          "%2525",
          "%252e%252e",
          "%00",
          "%2e",
          "%2E%2E",
          "%2f",
          "%5C",
          "%",
          "%z",
          "%%30%30",
          "%C3%A9",
          "%FF",
          "%7B%7D",
          ";x=1",
          ".",
          "..",
          "...",
          "\\",
          "\u00e9",
          "\u00c3\u00a9",
          "~",
          "*",
          "@",
          "!$&'()+,=",
          "[]",
          "%20",
          "x%0Ay",
          "%u002e",
          "{id}",
          "|",
          "^",
          "`",
          "\"",
          "<>");

  private static final List<String> HOSTS =
      List.of(
          "127.0.0.1",
          "orders.api-system.svc",
          "evil.example",
          "EVIL.example:8080",
          "[::1]:80",
          "a:b:c",
          "");

  private static final List<String> SCOPES =
      List.of(
          "orders:read",
          "orders:write",
          "openid,",
          "x,y",
          "a,,b",
          ",",
          ":",
          "a:",
          ":b",
          "a::b",
          "orders:read,orders:write",
          "!#$%&'()*+-./:;<=>?@[]^_`{|}~",
          "\u00e9t\u00e9",
          "");

  private final Random random;
  private final String issuer;
  private final Clock clock;

  HostileRequests(long seed, String issuer, Instant now) {
    this.random = new Random(seed);
    this.issuer = issuer;
    this.clock = Clock.fixed(now, ZoneOffset.UTC);
  }

  /** The next request, ending with {@code Connection: close}. */
  String next() {
    StringBuilder request = new StringBuilder();
    request.append(pick(METHODS)).append(' ').append(path()).append(" HTTP/1.1\r\n");
    String host = pick(HOSTS);
    if (!host.isEmpty() || random.nextInt(4) == 0) {
      request.append("Host: ").append(host).append("\r\n");
    }
    int payloads = random.nextInt(10) == 0 ? 2 : 1;
    for (int i = 0; i < payloads; i++) {
      request.append("x-jwt-payload: ").append(payload()).append("\r\n");
    }
    if (random.nextBoolean()) {
      request.append("x-forwarded-client-cert: ").append(xfcc()).append("\r\n");
    }
    if (random.nextInt(5) == 0) {
      request.append("X-Forwarded-Host: evil.example\r\nX-Forwarded-Prefix: /x\r\n");
    }
    if (random.nextInt(8) == 0) {
      request.append("Origin: https://app.example.com\r\nAccess-Control-Request-Method: POST\r\n");
    }
    return request.append("Content-Length: 0\r\nConnection: close\r\n\r\n").toString();
  }

  private String path() {
    StringBuilder path = new StringBuilder();
    if (random.nextInt(10) == 0) {
      path.append(random.nextBoolean() ? "http://evil.example" : "http://127.0.0.1");
    }
    int segments = 1 + random.nextInt(5);
    for (int i = 0; i < segments; i++) {
      path.append('/');
      path.append(i < 2 && random.nextBoolean() ? (i == 0 ? "api" : "v1") : pick(SEGMENTS));
    }
    if (random.nextInt(6) == 0) {
      path.append('/');
    }
    if (random.nextInt(6) == 0) {
      path.append("?q=").append(pick(SEGMENTS));
    }
    return path.toString();
  }

  private String payload() {
    Payload payload =
        Payload.issuedBy(issuer).clock(clock).subject(pick(SCOPES)).expiresIn(Duration.ofHours(1));
    switch (random.nextInt(8)) {
      case 0:
        return "%%%";
      case 1:
        return "{\"iss\":\"" + issuer + "\",\"sub\":\"x\u00ffy\",\"exp\":9999999999}";
      case 2:
        return octets("{\"iss\":\"" + issuer + "\",\"scope\":\"" + pick(SCOPES) + "\"}");
      case 3:
        return MeshHeaders.payload(payload.claim("scp", List.of(pick(SCOPES), pick(SCOPES))));
      case 4:
        return MeshHeaders.payload(payload.claim("role", "api-admin").scope(pick(SCOPES)));
      default:
        return MeshHeaders.payload(payload.claim("scope", pick(SCOPES) + " " + pick(SCOPES)));
    }
  }

  private String xfcc() {
    switch (random.nextInt(4)) {
      case 0:
        return "By=\"broken";
      case 1:
        return "URI=spiffe://cluster.local/ns/api-system/sa/" + pick(SEGMENTS);
      default:
        return MeshHeaders.xfcc(SELF, GATEWAY);
    }
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String octets(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }
}
