package io.meshguard.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.meshguard.core.annotation.AnnotatedRequirements;
import io.meshguard.core.annotation.RequirePeer;
import io.meshguard.core.requirement.PeerMatchers;
import io.meshguard.core.requirement.Requirement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecificRoutesTests {

  private static final Requirement BY_ID = Requirement.builder().anyScope("by-id").build();
  private static final Requirement LATEST = Requirement.builder().anyScope("latest").build();

  private static Route route(String method, String pattern, Requirement requirement) {
    return new Route(method, PathPattern.parse(pattern), requirement);
  }

  @Test
  void routesWhenTemplateAddedFirstThenMoreLiteralCharactersFirst() {
    List<Route> routes =
        SpecificRoutes.builder()
            .route("byId", route("GET", "/orders/*", BY_ID))
            .route("latest", route("GET", "/orders/latest", LATEST))
            .route("all", route("GET", "/orders/**", BY_ID))
            .route("head", route("HEAD", "/orders/*", BY_ID))
            .routes();
    assertThat(routes)
        .extracting(r -> r.method() + " " + r.pattern())
        .containsExactly("GET /orders/latest", "HEAD /orders/*", "GET /orders/*", "GET /orders/**");
  }

  @Test
  void tableWhenBuiltThenLiteralWinsAndUnmatchedKept() {
    RouteTable table =
        SpecificRoutes.builder()
            .route("byId", route("GET", "/orders/{id}", BY_ID))
            .route("latest", route("GET", "/orders/latest", LATEST))
            .table(Unmatched.NOT_FOUND);
    assertThat(((RouteMatch.Found) table.match("GET", "/orders/latest")).requirement())
        .isEqualTo(LATEST);
    assertThat(((RouteMatch.Found) table.match("GET", "/orders/7")).requirement()).isEqualTo(BY_ID);
    assertThat(table.unmatched()).isEqualTo(Unmatched.NOT_FOUND);
  }

  @Test
  void routeWhenOverlappingWithDifferentRequirementsThenRejectedNamingBoth() {
    SpecificRoutes.Builder routes =
        SpecificRoutes.builder().route("A#byId", route("GET", "/orders/*", BY_ID));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> routes.route("A#other", route("GET", "/orders/{key}", LATEST)))
        .withMessageContaining("A#byId")
        .withMessageContaining("A#other")
        .withMessageContaining("serves a path both match");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                SpecificRoutes.builder()
                    .route("x", route("GET", "/a/*/c", BY_ID))
                    .route("y", route("HEAD", "/a/b/*", LATEST)));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                SpecificRoutes.builder()
                    .route("x", route("*", "/a/*/c", BY_ID))
                    .route("y", route("DELETE", "/a/b/*", LATEST)));
  }

  @Test
  void routeWhenOverlappingWithEqualRequirementsThenNoConflict() {
    Requirement first =
        Requirement.builder().claim("role", "api-admin").peer(PeerMatchers.namespace("a")).build();
    Requirement second =
        Requirement.builder().claim("role", "api-admin").peer(PeerMatchers.namespace("a")).build();
    List<Route> routes =
        SpecificRoutes.builder()
            .route("x", route("DELETE", "/orders/*", first))
            .route("y", route("DELETE", "/orders/{key}", second))
            .routes();
    assertThat(routes).hasSize(2);
  }

  static class Resource {
    @RequirePeer(namespaces = "api-system")
    public void byId() {}

    @RequirePeer(namespaces = "api-system")
    public void byKey() {}

    @RequirePeer(namespaces = "other")
    public void other() {}
  }

  @Test
  void routeWhenTwoMethodsHaveTheSameRequirePeerThenNoConflictButDifferentOnesConflict()
      throws Exception {
    Route byId = route("GET", "/orders/*", annotated("byId"));
    Route byKey = route("GET", "/orders/*", annotated("byKey"));
    Route other = route("GET", "/orders/*", annotated("other"));
    assertThat(SpecificRoutes.builder().route("byId", byId).route("byKey", byKey).routes())
        .hasSize(2);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SpecificRoutes.builder().route("byId", byId).route("other", other));
  }

  private static Requirement annotated(String method) throws NoSuchMethodException {
    return AnnotatedRequirements.resolve(Resource.class, Resource.class.getMethod(method))
        .orElseThrow();
  }

  @Test
  void routeWhenOtherMethodOrLiteralRefinementThenAccepted() {
    SpecificRoutes.builder()
        .route("a", route("GET", "/a/*/c", BY_ID))
        .route("b", route("POST", "/a/b/*", LATEST))
        .route("c", route("GET", "/files/**", BY_ID))
        .route("d", route("GET", "/files/*/x", LATEST))
        .route("e", route("GET", "/orders/*", BY_ID))
        .route("f", route("GET", "/orders/latest", LATEST));
  }
}
