package io.meshguard.servlet;

import io.meshguard.core.request.MeshRequest;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The core's view of a servlet request: reads lazily and copies only the headers asked for. Route
 * resolvers that need the framework's own routing reach the request through {@link
 * #servletRequest()}.
 *
 * @since 0.1.0
 */
public final class ServletMeshRequest implements MeshRequest {

  static final String CERTIFICATES_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

  /**
   * The request attribute holding the authority as the container received it, set by a container
   * hook that runs before the container's own forwarded-header processing (on Jetty 12 the filter
   * installs one). When absent, the {@code Host} header is the authority. Package-private: only
   * meshguard's own hook sets it.
   */
  static final String RECEIVED_AUTHORITY_ATTRIBUTE = "io.meshguard.received-authority";

  private final HttpServletRequest request;

  /**
   * The container's own request under any wrappers: filters such as Spring's {@code
   * ForwardedHeaderFilter} wrap the request to rewrite its URI from client-sent {@code
   * X-Forwarded-*} headers, and the raw path and authority must be what was received.
   */
  private final HttpServletRequest received;

  /** A view of {@code request}. */
  public ServletMeshRequest(HttpServletRequest request) {
    this.request = java.util.Objects.requireNonNull(request, "request");
    this.received = unwrap(request);
  }

  private static HttpServletRequest unwrap(HttpServletRequest request) {
    ServletRequest current = request;
    while (current instanceof ServletRequestWrapper) {
      ServletRequest inner = ((ServletRequestWrapper) current).getRequest();
      if (!(inner instanceof HttpServletRequest)) {
        break;
      }
      current = inner;
    }
    return (HttpServletRequest) current;
  }

  /** The servlet request this view reads. */
  public HttpServletRequest servletRequest() {
    return request;
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  /** The container's {@code getRequestURI()}, under any wrapper that rewrites it. */
  @Override
  public String rawPath() {
    return received.getRequestURI();
  }

  /**
   * The authority the container received: {@link #RECEIVED_AUTHORITY_ATTRIBUTE} where a container
   * hook recorded it (Jetty 12, whose {@code ForwardedRequestCustomizer} rewrites {@code Host}),
   * else the container's {@code Host} header under any wrapper. Servlet containers refuse an
   * absolute-form request-target whose authority differs from {@code Host} (Jetty 12, Tomcat).
   */
  @Override
  public @Nullable String authority() {
    Object recorded = received.getAttribute(RECEIVED_AUTHORITY_ATTRIBUTE);
    return recorded instanceof String ? (String) recorded : received.getHeader("host");
  }

  /** Context-relative, decoded and normalised by the container. */
  @Override
  public String path() {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    String path = pathInfo == null ? servletPath : servletPath + pathInfo;
    return path.isEmpty() ? "/" : path;
  }

  @Override
  public List<String> headers(String name) {
    Enumeration<String> values = request.getHeaders(name);
    if (values == null || !values.hasMoreElements()) {
      return List.of();
    }
    String first = values.nextElement();
    if (!values.hasMoreElements()) {
      return List.of(first);
    }
    List<String> all = new ArrayList<>(2);
    all.add(first);
    while (values.hasMoreElements()) {
      all.add(values.nextElement());
    }
    return all;
  }

  @Override
  public int localPort() {
    return request.getLocalPort();
  }

  @Override
  public X509Certificate @Nullable [] clientCertificates() {
    Object chain = request.getAttribute(CERTIFICATES_ATTRIBUTE);
    return chain instanceof X509Certificate[] ? (X509Certificate[]) chain : null;
  }
}
