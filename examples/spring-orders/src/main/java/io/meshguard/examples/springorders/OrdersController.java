package io.meshguard.examples.springorders;

import io.meshguard.core.MeshIdentity;
import io.meshguard.core.annotation.PublicEndpoint;
import io.meshguard.core.annotation.RequireClaim;
import io.meshguard.core.annotation.RequirePeer;
import io.meshguard.core.annotation.RequireScopes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The orders API; meshguard has checked identity, route, policy and these annotations already. */
@RestController
@RequestMapping("/api/v1")
class OrdersController {

  @PublicEndpoint
  @GetMapping("/health")
  Map<String, String> health() {
    return Map.of("status", "UP");
  }

  /** Any valid identity: an endpoint without meshguard annotations needs one. */
  @GetMapping("/whoami")
  Map<String, Object> whoami(MeshIdentity identity) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sub", identity.subject().orElse(null));
    body.put("iss", identity.issuer().orElse(null));
    body.put("scopes", identity.scopes());
    body.put("peer", identity.peer().map(peer -> peer.id()).orElse(null));
    return body;
  }

  @RequireScopes("orders:read")
  @GetMapping("/orders")
  Map<String, Object> orders(MeshIdentity identity) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "orders",
        List.of(
            Map.of("id", "ord-1001", "item", "espresso beans", "quantity", 2),
            Map.of("id", "ord-1002", "item", "milk frother", "quantity", 1)));
    body.put("subject", identity.subject().orElse(null));
    return body;
  }

  @RequireScopes("orders:write")
  @PostMapping("/orders")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(@RequestBody Map<String, Object> order, MeshIdentity identity) {
    Map<String, Object> body = new LinkedHashMap<>(order);
    body.put("id", UUID.randomUUID().toString());
    body.put("status", "created");
    identity.subject().ifPresent(subject -> body.put("createdBy", subject));
    return body;
  }

  @RequireClaim(claim = "role", values = "api-admin")
  @RequirePeer(exactNamespaces = "api-system")
  @DeleteMapping("/orders/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable String id) {}
}
