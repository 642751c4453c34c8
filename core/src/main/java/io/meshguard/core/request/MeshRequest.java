package io.meshguard.core.request;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A framework-neutral view of an HTTP request: what meshguard reads of it, and nothing more.
 * Adapters implement it over their framework's request without copying headers; {@link #builder()}
 * makes one for tests and plain Java.
 *
 * @since 0.1.0
 */
public interface MeshRequest {

  /** The method, as sent ({@code GET}, {@code OPTIONS}, ...). */
  String method();

  /**
   * The path exactly as it arrived on the request line, still percent-encoded, without the query
   * (for a servlet, the container's own {@code getRequestURI()}). Never a path rewritten from
   * {@code Forwarded}/{@code X-Forwarded-*} headers (such as {@code X-Forwarded-Prefix}): the
   * client writes those and the sidecar passes them through. Istio's policy {@code paths} match
   * this path after the sidecar's normalisation.
   */
  String rawPath();

  /**
   * The path after the container decoded and normalised it (for a servlet, {@code getServletPath()
   * + getPathInfo()}), which route and policy rules match. It is read only after {@link #rawPath()}
   * proved unambiguous. By default the raw path.
   */
  default String path() {
    return rawPath();
  }

  /**
   * Every value of the header {@code name}, one per header line, in order; empty when absent.
   *
   * @param name a header name in lower case; implementations must look it up case-insensitively
   */
  List<String> headers(String name);

  /**
   * The request's authority as received, port included if sent: HTTP/2's {@code :authority}; in
   * HTTP/1.1 the authority of an absolute-form request-target (RFC 9112 §3.2.2), else the {@code
   * Host} header; {@code null} when the request has none. Never a value rewritten from {@code
   * Forwarded}/{@code X-Forwarded-*} headers. Istio matches a policy's {@code hosts} against it. By
   * default the first {@code Host} header line.
   */
  default @Nullable String authority() {
    List<String> hosts = headers("host");
    return hosts.isEmpty() ? null : hosts.get(0);
  }

  /**
   * The authority of an absolute-form request-target ({@code http://evil.example:8080/x} gives
   * {@code evil.example:8080}, userinfo dropped), which RFC 9112 §3.2.2 says wins over {@code
   * Host}; {@code null} for an origin-form target ({@code /x}) or {@code *}. For adapters whose
   * server reads only {@code Host}.
   *
   * @param requestTarget the request line's target as received
   */
  static @Nullable String absoluteFormAuthority(String requestTarget) {
    if (requestTarget.isEmpty() || requestTarget.charAt(0) == '/') {
      return null;
    }
    int scheme = requestTarget.indexOf("://");
    if (scheme <= 0) {
      return null;
    }
    int start = scheme + 3;
    int end = start;
    while (end < requestTarget.length() && "/?#".indexOf(requestTarget.charAt(end)) < 0) {
      end++;
    }
    String authority = requestTarget.substring(start, end);
    int at = authority.lastIndexOf('@');
    return at >= 0 ? authority.substring(at + 1) : authority;
  }

  /**
   * The port the request arrived on (Istio's {@code destination.port}), or {@code -1} when unknown.
   * For a servlet, {@code getLocalPort()}.
   */
  default int localPort() {
    return -1;
  }

  /** The client certificate chain of an mTLS connection the application terminated, leaf first. */
  default X509Certificate @Nullable [] clientCertificates() {
    return null;
  }

  /**
   * An HTTP header name as meshguard stores it: checked to be an RFC 9110 token, lower-cased.
   *
   * @throws IllegalArgumentException when {@code name} is not a header name
   */
  static String headerName(String name) {
    Objects.requireNonNull(name, "name");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean token =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!token) {
        throw new IllegalArgumentException("Not an HTTP header name: " + name);
      }
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException("Not an HTTP header name: " + name);
    }
    return name.toLowerCase(Locale.ROOT);
  }

  /** A builder of simple requests. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link MeshRequest}. Not thread-safe; the request it builds is immutable.
   *
   * @since 0.1.0
   */
  final class Builder {
    private String method = "GET";
    private String rawPath = "/";
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private X509Certificate @Nullable [] certificates;
    private int localPort = -1;
    private @Nullable String authority;

    private Builder() {}

    /**
     * The authority as received (default: the first {@code Host} header line), as an HTTP/2 {@code
     * :authority} or an absolute-form request-target would give it.
     */
    public Builder authority(String authority) {
      this.authority = Objects.requireNonNull(authority, "authority");
      return this;
    }

    /** The port the request arrived on (default unknown, {@code -1}). */
    public Builder localPort(int port) {
      this.localPort = port;
      return this;
    }

    /** The method (default {@code GET}). */
    public Builder method(String method) {
      this.method = Objects.requireNonNull(method, "method");
      return this;
    }

    /** The raw path (default {@code /}). */
    public Builder path(String rawPath) {
      this.rawPath = Objects.requireNonNull(rawPath, "rawPath");
      return this;
    }

    /** Adds one line of header {@code name} (repeat the call for several lines). */
    public Builder header(String name, String value) {
      headers
          .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
          .add(Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The client certificate chain, leaf first. */
    public Builder clientCertificates(X509Certificate... chain) {
      this.certificates = chain.clone();
      return this;
    }

    /** The request. */
    public MeshRequest build() {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
      return new SimpleMeshRequest(
          method, rawPath, Map.copyOf(copy), certificates, localPort, authority);
    }
  }
}
