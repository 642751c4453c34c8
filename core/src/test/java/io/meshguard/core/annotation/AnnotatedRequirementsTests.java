package io.meshguard.core.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.meshguard.core.requirement.ClaimCondition;
import io.meshguard.core.requirement.Requirement;
import io.meshguard.core.requirement.ScopeRequirement;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnnotatedRequirementsTests {

  @RequireScopes("orders:read")
  static class Orders {
    public void list() {}

    @RequireScopes(
        value = {"orders:write", "orders:admin"},
        match = ScopeRequirement.Match.ALL_OF)
    public void create() {}

    @PublicEndpoint
    public void health() {}

    @RequireClaim(claim = "role", values = "api-admin")
    @RequireClaim(
        claim = {"realm_access", "roles"},
        values = {"ops", "admin"})
    @RequirePeer(namespaces = "api-system")
    public void delete() {}
  }

  @PublicEndpoint
  static class Open {
    public void anything() {}

    @RequireScopes("secret:read")
    public void guarded() {}
  }

  static class Plain {
    public void nothing() {}

    @RequirePeer(
        principals = {"cluster.local/ns/api-system/*"},
        trustDomains = "cluster.local")
    public void peerOnly() {}
  }

  static class Broken {
    @PublicEndpoint
    @RequireScopes("x")
    public void conflicting() {}

    @RequireScopes({})
    public void emptyScopes() {}

    @RequirePeer(principals = "spiffe://cluster.local/ns/a/sa/b")
    public void schemeInPrincipal() {}

    @RequirePeer
    public void emptyPeer() {}

    @RequirePeer(ids = "spiffe://Cluster.local/ns/a/sa/b")
    public void foldedId() {}
  }

  private static Optional<Requirement> resolve(Class<?> type, String method) throws Exception {
    Method m = type.getMethod(method);
    return AnnotatedRequirements.resolve(type, m);
  }

  @Test
  void resolveWhenOnlyClassAnnotatedThenClassRequirementApplies() throws Exception {
    assertThat(resolve(Orders.class, "list"))
        .contains(Requirement.builder().anyScope("orders:read").build());
  }

  @Test
  void resolveWhenClassAndMethodAnnotatedThenBothApply() throws Exception {
    Requirement create = resolve(Orders.class, "create").orElseThrow();
    assertThat(create.scopes())
        .containsExactly(
            ScopeRequirement.anyOf("orders:read"),
            ScopeRequirement.allOf("orders:write", "orders:admin"));
  }

  @Test
  void resolveWhenMethodIsPublicThenOverridesClass() throws Exception {
    assertThat(resolve(Orders.class, "health")).contains(Requirement.publicEndpoint());
  }

  @Test
  void resolveWhenRepeatedClaimsAndPeerThenAllCollected() throws Exception {
    Requirement delete = resolve(Orders.class, "delete").orElseThrow();
    assertThat(delete.claims())
        .containsExactly(
            ClaimCondition.of("role", "api-admin"),
            ClaimCondition.ofPath(List.of("realm_access", "roles"), List.of("ops", "admin")));
    assertThat(delete.peers()).hasSize(1);
    assertThat(delete.peers().get(0)).hasToString("peer namespace api-system");
  }

  @Test
  void resolveWhenClassIsPublicThenMethodRequirementStillApplies() throws Exception {
    assertThat(resolve(Open.class, "anything")).contains(Requirement.publicEndpoint());
    assertThat(resolve(Open.class, "guarded"))
        .contains(Requirement.builder().anyScope("secret:read").build());
  }

  @Test
  void resolveWhenNoAnnotationThenEmpty() throws Exception {
    assertThat(resolve(Plain.class, "nothing")).isEmpty();
  }

  @Test
  void resolveWhenPeerAttributesThenAllMustHold() throws Exception {
    assertThat(resolve(Plain.class, "peerOnly").orElseThrow().peers().get(0))
        .hasToString(
            "all of [peer trust domain cluster.local, peer principal cluster.local/ns/api-system/*]");
  }

  @Test
  void resolveWhenAnnotationsConflictThenNamesTheElement() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> resolve(Broken.class, "conflicting"))
        .withMessage(
            "@PublicEndpoint on "
                + Broken.class.getName()
                + "#conflicting conflicts with its @Require... annotations");
  }

  @Test
  void resolveWhenValuesInvalidThenNamesAnnotationAndElement() {
    String prefix = "Invalid %s on " + Broken.class.getName() + "#%s: ";
    assertThatIllegalArgumentException()
        .isThrownBy(() -> resolve(Broken.class, "emptyScopes"))
        .withMessage(
            String.format(prefix, "@RequireScopes", "emptyScopes")
                + "A scope requirement needs at least one scope");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> resolve(Broken.class, "schemeInPrincipal"))
        .withMessageStartingWith(String.format(prefix, "@RequirePeer", "schemeInPrincipal"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> resolve(Broken.class, "emptyPeer"))
        .withMessage(
            String.format(prefix, "@RequirePeer", "emptyPeer")
                + "give at least one of ids, trustDomains, namespaces, exactNamespaces or principals");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> resolve(Broken.class, "foldedId"))
        .withMessageStartingWith(String.format(prefix, "@RequirePeer", "foldedId"));
  }
}
