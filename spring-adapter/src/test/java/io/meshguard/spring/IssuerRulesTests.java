package io.meshguard.spring;

import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.Meshguard;
import io.meshguard.core.config.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** {@code meshguard.issuer-rules}: per-issuer audiences, bound by Spring and enforced by core. */
class IssuerRulesTests {

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(MeshguardAutoConfiguration.class))
          .withPropertyValues(
              "meshguard.trust-domains=" + TRUST_DOMAIN,
              "meshguard.issuer-rules[0].issuer=https://a.example.com",
              "meshguard.issuer-rules[0].audiences=orders-a",
              "meshguard.issuer-rules[1].issuer=https://b.example.com",
              "meshguard.issuer-rules[1].audiences=orders-b,billing-b");

  @Test
  void issuerRulesWhenSetThenEachIssuerOnlyWithItsOwnAudiences() {
    runner.run(
        context -> {
          Meshguard guard = context.getBean(Meshguard.class);
          assertThat(guard.claimsValidator().audiences("https://a.example.com"))
              .containsExactly("orders-a");
          assertThat(guard.claimsValidator().audiences("https://b.example.com"))
              .containsExactly("orders-b", "billing-b");
        });
  }

  @Test
  void issuerRulesWhenSetWithFlatIssuersThenStartFailsNamingTheKeys() {
    runner
        .withPropertyValues("meshguard.issuers=https://c.example.com")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessage(
                        "Setting meshguard.issuer-rules cannot be set together with"
                            + " meshguard.issuers or meshguard.audiences"));
  }
}
