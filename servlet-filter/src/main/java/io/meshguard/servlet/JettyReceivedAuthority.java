package io.meshguard.servlet;

import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;

/**
 * Records the authority a Jetty 12 request arrived with, before any other customizer runs. Jetty's
 * {@code ForwardedRequestCustomizer} (which Spring Boot switches on by itself on Kubernetes, {@code
 * server.forward-headers-strategy=native}) rewrites the request's {@code Host} from client-sent
 * {@code X-Forwarded-Host}/{@code Forwarded} headers, and the servlet API shows only the rewritten
 * value. Loaded only on Jetty (ee10 or ee11, see {@link JettyServers}).
 */
final class JettyReceivedAuthority implements HttpConfiguration.Customizer {

  private static final JettyReceivedAuthority INSTANCE = new JettyReceivedAuthority();

  private JettyReceivedAuthority() {}

  /** Puts the customizer first on every HTTP connector of {@code server}. */
  static void install(Server server) {
    for (Connector connector : server.getConnectors()) {
      HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
      if (http != null) {
        installFirst(http.getHttpConfiguration());
      }
    }
  }

  private static void installFirst(HttpConfiguration configuration) {
    List<HttpConfiguration.Customizer> customizers = configuration.getCustomizers();
    synchronized (configuration) {
      if (!customizers.contains(INSTANCE)) {
        customizers.add(0, INSTANCE);
      }
    }
  }

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    // For HTTP/2 the URI's authority is :authority; for an absolute-form target, the target's.
    String authority = request.getHttpURI().getAuthority();
    if (authority == null || authority.isEmpty()) {
      authority = request.getHeaders().get(HttpHeader.HOST);
    }
    if (authority != null) {
      request.setAttribute(ServletMeshRequest.RECEIVED_AUTHORITY_ATTRIBUTE, authority);
    }
    return request;
  }
}
