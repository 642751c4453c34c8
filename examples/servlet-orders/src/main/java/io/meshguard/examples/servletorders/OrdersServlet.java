package io.meshguard.examples.servletorders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshguard.core.ErrorCode;
import io.meshguard.core.MeshIdentity;
import io.meshguard.core.http.ErrorResponses;
import io.meshguard.servlet.ProblemResponses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/**
 * The orders API. meshguard has already decided every request that reaches it (identity, route,
 * scopes, claims, peer); this servlet only does the work.
 */
final class OrdersServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 64 * 1024;

  /** A public route of the benchmark pair (outside the contract; served only when enabled). */
  static final String BENCH_PUBLIC = "/bench/public";

  /** The guarded route of the benchmark pair: the same work as {@link #BENCH_PUBLIC}. */
  static final String BENCH_GUARDED = "/bench/guarded";

  private final boolean benchRoutes;

  /** The servlet; {@code benchRoutes} adds the benchmark's pair of routes. */
  OrdersServlet(boolean benchRoutes) {
    this.benchRoutes = benchRoutes;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = path(request);
    if (benchRoutes && (path.equals(BENCH_PUBLIC) || path.equals(BENCH_GUARDED))) {
      write(response, 200, JSON.createObjectNode().put("status", "UP"));
      return;
    }
    switch (path) {
      case "/api/v1/health":
        write(response, 200, JSON.createObjectNode().put("status", "UP"));
        return;
      case "/api/v1/whoami":
        whoami(request, response);
        return;
      case "/api/v1/orders":
        orders(request, response);
        return;
      default:
        ProblemResponses.write(response, ErrorResponses.render(ErrorCode.NOT_FOUND));
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!path(request).equals("/api/v1/orders")) {
      ProblemResponses.write(response, ErrorResponses.render(ErrorCode.NOT_FOUND));
      return;
    }
    JsonNode body = readObject(request);
    if (body == null) {
      ProblemResponses.write(response, ErrorResponses.forStatus(400));
      return;
    }
    ObjectNode order = JSON.createObjectNode();
    order.put("id", UUID.randomUUID().toString());
    order.put("status", "created");
    identity(request).subject().ifPresent(subject -> order.put("createdBy", subject));
    order.setAll((ObjectNode) body);
    order.put("id", order.get("id").asText());
    write(response, 201, order);
  }

  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!path(request).startsWith("/api/v1/orders/")) {
      ProblemResponses.write(response, ErrorResponses.render(ErrorCode.NOT_FOUND));
      return;
    }
    response.setStatus(204);
  }

  private static void whoami(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    MeshIdentity identity = identity(request);
    ObjectNode body = JSON.createObjectNode();
    body.put("sub", identity.subject().orElse(null));
    body.put("iss", identity.issuer().orElse(null));
    ArrayNode scopes = body.putArray("scopes");
    identity.scopes().forEach(scopes::add);
    body.put("peer", identity.peer().map(peer -> peer.id()).orElse(null));
    write(response, 200, body);
  }

  private static void orders(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode orders = body.putArray("orders");
    orders.addObject().put("id", "ord-1001").put("item", "espresso beans").put("quantity", 2);
    orders.addObject().put("id", "ord-1002").put("item", "milk frother").put("quantity", 1);
    body.put("subject", identity(request).subject().orElse(null));
    write(response, 200, body);
  }

  /** The body when it is one JSON object; {@code null} otherwise. */
  private static JsonNode readObject(HttpServletRequest request) throws IOException {
    try (InputStream in = request.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length == 0 || bytes.length > MAX_BODY) {
        return null;
      }
      JsonNode node = JSON.readTree(bytes);
      return node != null && node.isObject() ? node : null;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      return null;
    }
  }

  private static MeshIdentity identity(HttpServletRequest request) {
    return (MeshIdentity) request.getAttribute(MeshIdentity.ATTRIBUTE);
  }

  private static String path(HttpServletRequest request) {
    String info = request.getPathInfo();
    return request.getServletPath() + (info == null ? "" : info);
  }

  private static void write(HttpServletResponse response, int status, JsonNode body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
