package io.meshguard.servlet;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
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

  /**
   * Puts the customizer first on every connection factory of {@code server} that has an {@link
   * HttpConfiguration}: HTTP/1.1, h2c and HTTP/2 alike.
   */
  static void install(Server server) {
    for (HttpConfiguration configuration : configurations(server)) {
      List<HttpConfiguration.Customizer> customizers = configuration.getCustomizers();
      synchronized (configuration) {
        if (!customizers.contains(INSTANCE)) {
          customizers.add(0, INSTANCE);
        }
      }
    }
  }

  /** Takes the customizer off {@code server} again. */
  static void uninstall(Server server) {
    for (HttpConfiguration configuration : configurations(server)) {
      synchronized (configuration) {
        configuration.getCustomizers().remove(INSTANCE);
      }
    }
  }

  private static Set<HttpConfiguration> configurations(Server server) {
    Set<HttpConfiguration> configurations = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Connector connector : server.getConnectors()) {
      for (ConnectionFactory factory : connector.getConnectionFactories()) {
        if (factory instanceof HttpConfiguration.ConnectionFactory) {
          configurations.add(
              ((HttpConfiguration.ConnectionFactory) factory).getHttpConfiguration());
        }
      }
    }
    return configurations;
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
