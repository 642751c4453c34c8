package io.meshguard.core.requirement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.meshguard.core.claims.Claims;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequirementTests {

  @Test
  void buildWhenNothingAddedThenRefusesToGrantByAccident() {
    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(() -> Requirement.builder().build())
        .withMessageContaining("Requirement.authenticated()");
  }

  @Test
  void scopeRequirementWhenAnyOfThenOneSuffices() {
    ScopeRequirement any = ScopeRequirement.anyOf("orders:read", "orders:admin");
    assertThat(any.isSatisfiedBy(List.of("orders:admin"))).isTrue();
    assertThat(any.isSatisfiedBy(List.of("orders:write"))).isFalse();
    assertThat(any.isSatisfiedBy(List.of())).isFalse();
    assertThat(any.scopeAttribute()).isEqualTo("orders:read orders:admin");
  }

  @Test
  void scopeRequirementWhenAllOfThenEveryOneNeeded() {
    ScopeRequirement all = ScopeRequirement.allOf("a", "b");
    assertThat(all.isSatisfiedBy(List.of("b", "a", "c"))).isTrue();
    assertThat(all.isSatisfiedBy(List.of("a"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "quote\"d", "back\\slash", "tab\t", "caf\u00e9"})
  void scopeRequirementWhenScopeIsNotAScopeTokenThenRejected(String scope) {
    assertThatIllegalArgumentException().isThrownBy(() -> ScopeRequirement.anyOf(scope));
  }

  @Test
  void scopeRequirementWhenEmptyThenRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ScopeRequirement.allOf())
        .withMessage("A scope requirement needs at least one scope");
  }

  @Test
  void claimConditionWhenStringOrArrayElementMatchesThenSatisfied() {
    ClaimCondition role = ClaimCondition.of("role", "api-admin");
    assertThat(role.isSatisfiedBy(Claims.of(Map.of("role", "api-admin")))).isTrue();
    assertThat(role.isSatisfiedBy(Claims.of(Map.of("role", List.of("user", "api-admin")))))
        .isTrue();
    assertThat(role.isSatisfiedBy(Claims.of(Map.of("role", "API-ADMIN")))).isFalse();
    assertThat(role.isSatisfiedBy(Claims.of(Map.of("role", "api-admin user")))).isFalse();
    assertThat(role.isSatisfiedBy(Claims.of(Map.of("role", List.of(List.of("api-admin"))))))
        .isFalse();
    assertThat(role.isSatisfiedBy(Claims.of(Map.of("roles", "api-admin")))).isFalse();
    assertThat(role.isSatisfiedBy(Claims.of(Map.of()))).isFalse();
  }

  @Test
  void claimConditionWhenNumberOrBooleanThenNeverMatches() {
    assertThat(ClaimCondition.of("level", "1").isSatisfiedBy(Claims.of(Map.of("level", 1))))
        .isFalse();
    assertThat(ClaimCondition.of("admin", "true").isSatisfiedBy(Claims.of(Map.of("admin", true))))
        .isFalse();
  }

  @Test
  void claimConditionWhenNestedPathThenFollowsIt() {
    ClaimCondition roles =
        ClaimCondition.ofPath(List.of("realm_access", "roles"), List.of("admin"));
    assertThat(
            roles.isSatisfiedBy(
                Claims.of(Map.of("realm_access", Map.of("roles", List.of("admin"))))))
        .isTrue();
    assertThat(roles.isSatisfiedBy(Claims.of(Map.of("realm_access", "admin")))).isFalse();
    assertThat(roles).hasToString("claim realm_access.roles in [admin]");
  }

  // The values of Istio's request.auth.claims conditions (WIRE-FORMATS.md D.2, D.5)
  @Test
  void claimConditionWhenIstioPatternThenMatchesAsPolicyValues() {
    Claims admin = Claims.of(Map.of("role", "api-admin"));
    assertThat(ClaimCondition.of("role", "api-*").isSatisfiedBy(admin)).isTrue();
    assertThat(ClaimCondition.of("role", "*-admin").isSatisfiedBy(admin)).isTrue();
    assertThat(ClaimCondition.of("role", "*").isSatisfiedBy(admin)).isTrue();
    assertThat(ClaimCondition.of("role", "*").isSatisfiedBy(Claims.of(Map.of("role", ""))))
        .isFalse();
    assertThat(ClaimCondition.of("role", "web-*").isSatisfiedBy(admin)).isFalse();
    assertThat(ClaimCondition.of("role", "api*admin").isSatisfiedBy(admin)).isFalse();
    assertThat(
            ClaimCondition.of("role", "api*admin")
                .isSatisfiedBy(Claims.of(Map.of("role", "api*admin"))))
        .isTrue();
  }

  @Test
  void claimConditionWhenScopeOrPermissionStringThenSplitOnSpacesAsTheSidecarDoes() {
    Claims claims =
        Claims.of(
            Map.of(
                "scope", "openid  orders:read", "permission", "a b", "scp", "openid orders:read"));
    assertThat(ClaimCondition.of("scope", "orders:read").isSatisfiedBy(claims)).isTrue();
    assertThat(ClaimCondition.of("permission", "b").isSatisfiedBy(claims)).isTrue();
    assertThat(ClaimCondition.of("scp", "orders:read").isSatisfiedBy(claims)).isFalse();
    assertThat(
            ClaimCondition.ofPath(List.of("nested", "scope"), List.of("b"))
                .isSatisfiedBy(Claims.of(Map.of("nested", Map.of("scope", "a b")))))
        .isFalse();
  }

  @Test
  void equalsWhenBuiltTwiceFromTheSameConditionsThenEqual() {
    Requirement first =
        Requirement.builder()
            .anyScope("orders:read")
            .claim("role", "api-admin")
            .peer(PeerMatchers.namespace("api-system"))
            .build();
    Requirement second =
        Requirement.builder()
            .anyScope("orders:read")
            .claim("role", "api-admin")
            .peer(PeerMatchers.namespace("api-system"))
            .build();
    assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    assertThat(first)
        .isNotEqualTo(
            Requirement.builder()
                .anyScope("orders:read")
                .claim("role", "api-admin")
                .peer(PeerMatchers.namespace("other"))
                .build());
  }

  @Test
  void claimConditionWhenEmptyThenRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> ClaimCondition.of("role"));
    assertThatIllegalArgumentException().isThrownBy(() -> ClaimCondition.of("", "x"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ClaimCondition.ofPath(List.of(), List.of("x")));
  }

  @Test
  void andWhenCombiningThenUnionOfConditionsAndPublicOnlyIfBoth() {
    Requirement read = Requirement.builder().anyScope("orders:read").build();
    Requirement admin = Requirement.builder().claim("role", "api-admin").build();
    Requirement both = read.and(admin);
    assertThat(both.scopes()).containsExactly(ScopeRequirement.anyOf("orders:read"));
    assertThat(both.claims()).containsExactly(ClaimCondition.of("role", "api-admin"));
    assertThat(Requirement.publicEndpoint().and(Requirement.publicEndpoint()).isPublic()).isTrue();
    assertThat(Requirement.publicEndpoint().and(read)).isEqualTo(read);
    assertThat(Requirement.authenticated().and(Requirement.authenticated()))
        .isSameAs(Requirement.authenticated());
  }

  @Test
  void toStringWhenCalledThenDescribesConditions() {
    assertThat(Requirement.publicEndpoint()).hasToString("Requirement[public]");
    assertThat(Requirement.authenticated()).hasToString("Requirement[authenticated]");
    assertThat(Requirement.builder().anyScope("a").claim("role", "x").build())
        .hasToString("Requirement[scopes any of [a], claim role in [x]]");
  }
}
