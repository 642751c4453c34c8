package io.meshguard.quarkus.runtime;

import io.meshguard.core.request.MeshRequest;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;

/** A {@link MeshRequest} over a Vert.x request, reading headers in place. */
final class VertxMeshRequest implements MeshRequest {

  private final RoutingContext context;
  private final HttpServerRequest request;

  VertxMeshRequest(RoutingContext context) {
    this.context = context;
    this.request = context.request();
  }

  @Override
  public String method() {
    return request.method().name();
  }

  /** Vert.x's {@code path()}: the request line's path, still percent-encoded, no query. */
  @Override
  public String rawPath() {
    String path = request.path();
    return path == null ? "" : path;
  }

  /** Vert.x's normalised path, percent-decoded (read only once the raw path proved unambiguous). */
  @Override
  public String path() {
    String normalized = context.normalizedPath();
    if (normalized.indexOf('%') < 0) {
      return normalized;
    }
    try {
      String decoded = new URI("http://h" + normalized).getPath();
      return decoded == null ? normalized : decoded;
    } catch (URISyntaxException e) {
      // Not decodable: match it as sent, which no route pattern with a literal '%' does.
      return normalized;
    }
  }

  /**
   * The authority as received: the authority of an absolute-form request-target (RFC 9112 §3.2.2;
   * Vert.x itself reads only {@code Host}), else in HTTP/1.x the raw {@code Host} header, in HTTP/2
   * Vert.x's reading of {@code :authority} (which Vert.x takes out of the header map). Quarkus'
   * proxy forwarding, which rewrites {@code Host} from client headers, is refused together with
   * policies ({@link MeshguardRecorder}); Vert.x Web's own forwarding is off unless an application
   * switches it on with {@code Router.allowForward}.
   */
  @Override
  public @Nullable String authority() {
    String target = request.uri();
    String fromTarget = target == null ? null : MeshRequest.absoluteFormAuthority(target);
    if (fromTarget != null) {
      return fromTarget;
    }
    if (request.version() != HttpVersion.HTTP_2) {
      return request.headers().get("host");
    }
    // HTTP/2: :authority wins over a Host header, as in Envoy (http2_discard_host_header).
    HostAndPort authority = request.authority();
    return authority == null ? request.headers().get("host") : authority.toString();
  }

  @Override
  public List<String> headers(String name) {
    return request.headers().getAll(name);
  }

  @Override
  public int localPort() {
    SocketAddress local = request.localAddress();
    return local == null ? -1 : local.port();
  }

  @Override
  public X509Certificate @Nullable [] clientCertificates() {
    if (!request.isSSL()) {
      return null;
    }
    HttpConnection connection = request.connection();
    try {
      List<Certificate> chain = connection.peerCertificates();
      if (chain == null || chain.isEmpty()) {
        return null;
      }
      X509Certificate[] certificates = new X509Certificate[chain.size()];
      for (int i = 0; i < certificates.length; i++) {
        if (!(chain.get(i) instanceof X509Certificate)) {
          return null;
        }
        certificates[i] = (X509Certificate) chain.get(i);
      }
      return certificates;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }
}
