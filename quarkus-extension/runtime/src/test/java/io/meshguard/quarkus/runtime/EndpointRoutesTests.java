package io.meshguard.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshguard.core.annotation.RequireScopes;
import io.meshguard.core.config.MeshguardSpec;
import io.meshguard.core.requirement.Requirement;
import io.meshguard.core.route.RouteMatch;
import io.meshguard.core.route.RouteTable;
import io.meshguard.core.route.Unmatched;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointRoutesTests {

  /** Resource methods the tables below point at. */
  static class Resource {
    @RequireScopes("by-id")
    public void byId(String id) {}

    @RequireScopes("latest")
    public void latest() {}

    public void open() {}

    @RequireScopes("other")
    public void other(String id) {}
  }

  private static EndpointRoute route(String method, String template, String name, String... args) {
    return new EndpointRoute(method, template, Resource.class.getName(), name, List.of(args));
  }

  private static RouteTable table(EndpointRoute... routes) {
    return EndpointRoutes.table(
        List.of(routes), Unmatched.NOT_FOUND, EndpointRoutesTests.class.getClassLoader());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/                          | /",
        "/api/v1/orders             | /api/v1/orders",
        "/api/v1/orders/{id}        | /api/v1/orders/*",
        "/api/v1/orders/{ id }      | /api/v1/orders/*",
        "/api/v1/orders/{id: [0-9]+}/items | /api/v1/orders/*/items",
        "/api/v1/orders/{id: \\d{1,3}}/items | /api/v1/orders/*/items",
        "/files/{path: .+}          | /files/**",
        "/files/{path: [a-z/]+}     | /files/**",
        "/files/{path: [^/]+}/meta  | /files/*/meta",
        "/files/{path: [+-.]+}/meta | /files/*/meta",
        "/files/{path: \\p{Alpha}+}/meta | /files/*/meta",
      })
  void templateWhenConvertedThenPathPattern(String template, String pattern) {
    assertThat(EndpointRoutes.pattern(route("GET", template, "open"))).isEqualTo(pattern);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/files/{p: .+}/meta      | may match '/'",
        "/files/{p: [^x]+}/meta   | may match '/'",
        "/files/{p: \\S+}/meta    | may match '/'",
        "/files/{p: a/b}/meta     | may match '/'",
        "/files/{p: [!-0]+}/meta  | may match '/' in the middle of the path: '[!-0]' matches '/'",
        "/files/{p: \\x2F}/meta   | may match '/' in the middle of the path: '\\x2F' matches '/'",
        "/files/{p: \\p{Punct}}/meta | may match '/' in the middle of the path: '\\p{Punct}' matches '/'",
        "/files/{p: \\p{ASCII}+}/meta | may match '/'",
        "/files/{p: \\057}/meta   | may match '/'",
        "/files/{p: (?=a).}/meta  | may match '/' in the middle of the path: meshguard cannot check lookaround '(?='",
        "/files/x{id}             | must be a whole segment",
        "/files/{id               | Unbalanced '{'",
        "/files/id}               | Unbalanced '}'",
      })
  void templateWhenMeshguardCannotRouteItThenRejectedNamingTheMethod(
      String template, String message) {
    assertThatThrownBy(() -> EndpointRoutes.pattern(route("GET", template, "open")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .hasMessageContaining("Resource#open");
  }

  @Test
  void literalPathWhenTemplateListedFirstThenLiteralStillWins() {
    RouteTable routes =
        table(
            route("GET", "/orders/{id}", "byId", "java.lang.String"),
            route("GET", "/orders/latest", "latest"));
    RouteMatch match = routes.match("GET", "/orders/latest");
    assertThat(match)
        .isEqualTo(
            new RouteMatch.Found(
                Requirement.builder().anyScope("latest").build(), "GET /orders/latest"));
    assertThat(routes.match("GET", "/orders/7"))
        .extracting(found -> ((RouteMatch.Found) found).requirement())
        .isEqualTo(Requirement.builder().anyScope("by-id").build());
  }

  @Test
  void methodWithoutAnnotationsThenNeedsAnyValidIdentity() {
    RouteMatch match = table(route("GET", "/open", "open")).match("GET", "/open");
    assertThat(((RouteMatch.Found) match).requirement()).isEqualTo(Requirement.authenticated());
  }

  @Test
  void twoMethodsOnOnePathWithDifferentNeedsThenRejected() {
    assertThatThrownBy(
            () ->
                table(
                    route("GET", "/orders/{id}", "byId", "java.lang.String"),
                    route("GET", "/orders/{key: [a-z]+}", "other", "java.lang.String")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Resource#byId")
        .hasMessageContaining("Resource#other");
  }

  @Test
  void crossedTemplatesWithDifferentNeedsThenRejected() {
    assertThatThrownBy(
            () ->
                table(
                    route("GET", "/a/{x}/c", "byId", "java.lang.String"),
                    route("HEAD", "/a/b/{y}", "other", "java.lang.String")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("serves a path both match");
  }

  @Test
  void overlappingRoutesWhenOtherMethodOrSameNeedsThenAccepted() {
    table(
        route("GET", "/a/{x}/c", "byId", "java.lang.String"),
        route("POST", "/a/b/{y}", "other", "java.lang.String"),
        route("GET", "/files/{p: .+}", "open"),
        route("GET", "/files/{id}/x", "open"));
  }

  @Test
  void missingMethodThenRejectedNamingIt() {
    assertThatThrownBy(() -> table(route("GET", "/x", "byId")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "Cannot find the resource method GET /x (EndpointRoutesTests$Resource#byId)");
  }

  @Test
  void unmatchedWhenGivenThenKept() {
    assertThat(table().unmatched()).isEqualTo(Unmatched.NOT_FOUND);
    assertThat(table().match("GET", "/nothing")).isInstanceOf(RouteMatch.NotFound.class);
  }

  @Test
  void unmatchedWhenInvalidThenNamedAsQuarkusSpellsIt() {
    assertThatThrownBy(() -> MeshguardSpec.unmatched(MeshguardProducer.PREFIX, "allow"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Setting quarkus.meshguard.unmatched must be deny, not-found or authenticated");
  }
}
