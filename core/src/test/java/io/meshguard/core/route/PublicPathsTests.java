package io.meshguard.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.meshguard.core.request.MeshRequest;
import io.meshguard.core.requirement.Requirement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicPathsTests {

  private static final PublicPaths HEALTH = PublicPaths.of(List.of("/actuator/health/**"));

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
    "/actuator/health/**, /actuator/health, true",
    "/actuator/health/**, /actuator/health/liveness, true",
    "/actuator/health/**, /actuator/*, true",
    "/actuator/health/**, /actuator/info, false",
    "/actuator/health/**, /**, true",
    "/a/*/c, /a/b/*, true",
    "/a/*/c, /a/b/d, false",
    "/a/b, /a/b/c, false",
    "/a/**, /b/**, false",
  })
  void overlapsWhenSomePathMatchesBothThenTrue(String a, String b, boolean expected) {
    assertThat(PathPattern.parse(a).overlaps(PathPattern.parse(b))).isEqualTo(expected);
    assertThat(PathPattern.parse(b).overlaps(PathPattern.parse(a))).isEqualTo(expected);
  }

  @Test
  void prependToWhenARouteWithRequirementsOverlapsThenRefusedNamingBoth() {
    RouteTable table =
        RouteTable.builder().route("GET /actuator/health/details scopes=ops:read").build();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HEALTH.prependTo(table))
        .withMessageContaining("/actuator/health/**")
        .withMessageContaining("GET /actuator/health/details");
  }

  @Test
  void prependToWhenAnOverlappingRouteNeedsOnlyAnIdentityThenRefusedToo() {
    // A valid identity is a requirement: a public path must not silently lift it.
    RouteTable catchAll = RouteTable.builder().route("GET /** authenticated").build();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HEALTH.prependTo(catchAll))
        .withMessageContaining("GET /**");
  }

  @Test
  void prependToWhenRoutesDoNotOverlapThenPublicComesFirst() {
    RouteTable table =
        HEALTH.prependTo(
            RouteTable.builder()
                .route("GET /actuator/health/** public")
                .route("GET /orders scopes=orders:read")
                .unmatched(Unmatched.NOT_FOUND)
                .build());
    assertThat(table.match("GET", "/actuator/health/readiness"))
        .isEqualTo(new RouteMatch.Found(Requirement.publicEndpoint(), "* /actuator/health/**"));
    assertThat(table.unmatched()).isEqualTo(Unmatched.NOT_FOUND);
  }

  @Test
  void beforeWhenPathIsPublicThenPublicWithoutAskingTheRoutes() {
    RouteResolver<MeshRequest> failing =
        new RouteResolver<>() {
          @Override
          public RouteMatch resolve(MeshRequest request) {
            throw new AssertionError("asked");
          }

          @Override
          public Unmatched unmatched() {
            return Unmatched.DENY;
          }
        };
    RouteMatch match =
        HEALTH.before(failing).resolve(MeshRequest.builder().path("/actuator/health").build());
    assertThat(match)
        .isInstanceOfSatisfying(
            RouteMatch.Found.class, found -> assertThat(found.requirement().isPublic()).isTrue());
    assertThat(PublicPaths.none().before(failing)).isSameAs(failing);
  }
}
