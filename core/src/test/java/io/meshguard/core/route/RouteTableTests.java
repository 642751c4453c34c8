package io.meshguard.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.meshguard.core.requirement.ClaimCondition;
import io.meshguard.core.requirement.Requirement;
import io.meshguard.core.requirement.ScopeRequirement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTableTests {

  private static final RouteTable TABLE =
      RouteTable.builder()
          .route("GET /api/v1/health public")
          .route("get /api/v1/orders scopes=orders:read")
          .route("POST /api/v1/orders scopes=orders:write")
          .route("DELETE /api/v1/orders/{id} claim.role=api-admin peer.namespace=api-system")
          .route("* /api/v1/whoami authenticated")
          .unmatched(Unmatched.NOT_FOUND)
          .build();

  @Test
  void matchWhenMethodAndPathMatchThenFirstRoute() {
    assertThat(TABLE.match("GET", "/api/v1/orders"))
        .isInstanceOfSatisfying(
            RouteMatch.Found.class,
            f -> {
              assertThat(f.requirement().scopes())
                  .containsExactly(ScopeRequirement.anyOf("orders:read"));
              assertThat(f.description()).isEqualTo("GET /api/v1/orders");
            });
    assertThat(TABLE.match("PATCH", "/api/v1/whoami")).isInstanceOf(RouteMatch.Found.class);
    assertThat(TABLE.match("HEAD", "/api/v1/orders")).isInstanceOf(RouteMatch.Found.class);
  }

  @Test
  void matchWhenPathMatchesButNotMethodThenMethodNotAllowed() {
    assertThat(TABLE.match("PUT", "/api/v1/orders"))
        .isInstanceOf(RouteMatch.MethodNotAllowed.class);
    assertThat(TABLE.match("get", "/api/v1/orders"))
        .isInstanceOf(RouteMatch.MethodNotAllowed.class);
  }

  @Test
  void matchWhenNoPatternMatchesThenNotFound() {
    assertThat(TABLE.match("GET", "/api/v1/nothing")).isInstanceOf(RouteMatch.NotFound.class);
  }

  @Test
  void parseWhenEveryRequirementWordThenBuildsTheRequirement() {
    Route route =
        RouteText.parse(
            "PUT /a/{id}  all-scopes=a,b scopes=c claim[realm_access][roles]=x,y claim.role=z"
                + " peer.id=spiffe://td/ns/a/sa/b peer.trust-domain=td peer.principal=td/ns/a/*");
    Requirement requirement = route.requirement();
    assertThat(route.method()).isEqualTo("PUT");
    assertThat(requirement.scopes())
        .containsExactly(ScopeRequirement.allOf("a", "b"), ScopeRequirement.anyOf("c"));
    assertThat(requirement.claims())
        .containsExactly(
            ClaimCondition.ofPath(List.of("realm_access", "roles"), List.of("x", "y")),
            ClaimCondition.of("role", "z"));
    assertThat(requirement.peers()).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /x",
        "GET",
        "GET x public",
        "GET /x public authenticated",
        "GET /x scopes=",
        "GET /x scopes=a b",
        "GET /x roles=admin",
        "GET /x claim[]=a",
        "GET /x claim.=a",
        "GET /x peer.namespace=a/b",
        "GET /x peer.principal=spiffe://td/x",
        "G3T /x public",
      })
  void parseWhenRouteTextInvalidThenRejected(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> RouteText.parse(text));
  }

  @Test
  void unmatchedWhenNotSaidThenDeny() {
    assertThat(RouteTable.builder().build().unmatched()).isEqualTo(Unmatched.DENY);
  }
}
