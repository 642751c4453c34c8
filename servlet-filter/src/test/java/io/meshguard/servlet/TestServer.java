package io.meshguard.servlet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A real Jetty 12 (ee10) on a loopback port for the filter's tests, and a client for it. */
final class TestServer implements AutoCloseable {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final Server server;
  private final URI base;

  private TestServer(Server server, URI base) {
    this.server = server;
    this.base = base;
  }

  /** Starts a server whose root context {@code setup} fills with filters and servlets. */
  static TestServer start(Consumer<ServletContextHandler> setup) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    setup.accept(context);
    server.setHandler(context);
    server.start();
    return new TestServer(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
  }

  /** GETs {@code path} with header name/value pairs. */
  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
