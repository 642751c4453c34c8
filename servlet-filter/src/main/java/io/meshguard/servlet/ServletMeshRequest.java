package io.meshguard.servlet;

import io.meshguard.core.MeshRequest;
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

  private final HttpServletRequest request;

  /** A view of {@code request}. */
  public ServletMeshRequest(HttpServletRequest request) {
    this.request = java.util.Objects.requireNonNull(request, "request");
  }

  /** The servlet request this view reads. */
  public HttpServletRequest servletRequest() {
    return request;
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String rawPath() {
    return request.getRequestURI();
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
