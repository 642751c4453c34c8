package io.meshguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration from init-parameters; a bad configuration stops the start. */
class MeshguardFilterConfigTests {

  private static FilterConfig config(Map<String, String> parameters) {
    return new FilterConfig() {
      @Override
      public String getFilterName() {
        return "meshguard";
      }

      @Override
      public ServletContext getServletContext() {
        return null; // no container
      }

      @Override
      public String getInitParameter(String name) {
        return parameters.get(name);
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(parameters.keySet());
      }
    };
  }

  @Test
  void initWhenSettingsInvalidThenFailsTheStart() {
    MeshguardFilter filter = new MeshguardFilter();
    assertThatExceptionOfType(ServletException.class)
        .isThrownBy(
            () ->
                filter.init(
                    config(
                        Map.of("meshguard.issuers", "https://a", "meshguard.trust-domain", "x"))))
        .withMessage("Invalid meshguard configuration: Unknown setting meshguard.trust-domain");
    assertThatExceptionOfType(ServletException.class)
        .isThrownBy(() -> new MeshguardFilter().init(config(Map.of())))
        .withMessage("Invalid meshguard configuration: Setting meshguard.issuers is required");
  }

  @Test
  void initWhenConfigFileAndParametersThenParametersWin(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("meshguard.properties");
    Files.writeString(
        file,
        "meshguard.issuers=https://file.example.com\nmeshguard.trust-domains=cluster.local\n"
            + "meshguard.routes[0]=GET /x authenticated\n");
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    FilterHolder holder = new FilterHolder(MeshguardFilter.class);
    holder.setInitParameter(MeshguardFilter.CONFIG_FILE_PARAMETER, file.toString());
    holder.setInitParameter("meshguard.issuers", "https://param.example.com");
    context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new MeshguardFilterTests.EchoServlet()), "/x");
    server.setHandler(context);
    server.start();
    try {
      URI x = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/x");
      assertThat(status(x, "https://param.example.com")).isEqualTo(200);
      assertThat(status(x, "https://file.example.com")).isEqualTo(401);
    } finally {
      server.stop();
    }
  }

  @Test
  void initWhenTrustFromMeshThenTheMeshsIssuersAudiencesAndHeaderDecide(@TempDir Path dir)
      throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    Files.writeString(
        mesh,
        """
        apiVersion: security.istio.io/v1
        kind: RequestAuthentication
        metadata: {name: tenants, namespace: api-system}
        spec:
          selector:
            matchLabels: {app: orders}
          jwtRules:
          - issuer: https://a.example.com
            audiences: [orders-a]
            outputPayloadToHeader: x-istio-jwt
          - issuer: https://b.example.com
            audiences: [orders-b]
            outputPayloadToHeader: x-istio-jwt
        """);
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    FilterHolder holder = new FilterHolder(MeshguardFilter.class);
    holder.setInitParameter("meshguard.trust-from-mesh", "true");
    holder.setInitParameter("meshguard.mesh-manifests", mesh.toString());
    holder.setInitParameter("meshguard.workload.namespace", "api-system");
    holder.setInitParameter("meshguard.workload.labels", "app=orders");
    holder.setInitParameter("meshguard.peer-source", "none");
    holder.setInitParameter("meshguard.routes[0]", "GET /x authenticated");
    context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new MeshguardFilterTests.EchoServlet()), "/x");
    server.setHandler(context);
    server.start();
    try {
      URI x = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/x");
      assertThat(status(x, "x-istio-jwt", "https://a.example.com", "orders-a")).isEqualTo(200);
      assertThat(status(x, "x-istio-jwt", "https://b.example.com", "orders-b")).isEqualTo(200);
      assertThat(status(x, "x-istio-jwt", "https://a.example.com", "orders-b")).isEqualTo(401);
      assertThat(status(x, "x-istio-jwt", "https://c.example.com", "orders-a")).isEqualTo(401);
      assertThat(status(x, "x-jwt-payload", "https://a.example.com", "orders-a")).isEqualTo(401);
    } finally {
      server.stop();
    }
  }

  private static int status(URI uri, String issuer) throws Exception {
    String payload = MeshHeaders.payload(Payload.issuedBy(issuer).expiresIn(Duration.ofMinutes(5)));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(uri).header("x-jwt-payload", payload).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static int status(URI uri, String header, String issuer, String audience)
      throws Exception {
    String payload =
        MeshHeaders.payload(
            Payload.issuedBy(issuer).audience(audience).expiresIn(Duration.ofMinutes(5)));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(uri).header(header, payload).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
