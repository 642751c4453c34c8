package io.meshguard.spring;

import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.DecisionListener;
import io.meshguard.core.Meshguard;
import io.meshguard.core.claims.ClaimsValidator;
import io.meshguard.core.metrics.DecisionMetrics;
import io.meshguard.core.request.MeshRequest;
import io.meshguard.core.requirement.Requirement;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;

class MeshguardAutoConfigurationTests {

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(MeshguardAutoConfiguration.class))
          .withPropertyValues(
              "meshguard.issuers=" + ISSUER, "meshguard.trust-domains=" + TRUST_DOMAIN);

  @Test
  void contextWhenConfiguredThenGuardResolverAndFilterRegistration() {
    runner.run(
        context -> {
          assertThat(context)
              .hasSingleBean(Meshguard.class)
              .hasSingleBean(HandlerRouteResolver.class);
          assertThat(context).hasBean("meshguardFilterRegistration");
          assertThat(
                  context
                      .getBean("meshguardFilterRegistration", FilterRegistrationBean.class)
                      .getOrder())
              .isEqualTo(MeshguardAutoConfiguration.FILTER_ORDER);
          assertThat(context.getBean(Meshguard.class).claimsValidator().issuers())
              .containsExactly(ISSUER);
        });
  }

  @Test
  void logIdentityWhenUnsetThenOffElseAsSet() {
    runner.run(context -> assertThat(context.getBean(Meshguard.class).logIdentity()).isFalse());
    runner
        .withPropertyValues("meshguard.log-identity=true")
        .run(context -> assertThat(context.getBean(Meshguard.class).logIdentity()).isTrue());
  }

  @Test
  void errorPathWhenConfiguredThenItsOwnFilterForRequestDispatchesOnlyBeforeTheOther() {
    runner.run(
        context -> {
          FilterRegistrationBean<?> registration =
              context.getBean("meshguardErrorPathFilterRegistration", FilterRegistrationBean.class);
          assertThat(registration.getUrlPatterns()).containsExactly("/error");
          assertThat(registration.determineDispatcherTypes())
              .containsExactly(DispatcherType.REQUEST);
          assertThat(registration.getOrder()).isLessThan(MeshguardAutoConfiguration.FILTER_ORDER);
        });
  }

  @Test
  void errorPathWhenBoot3ThenServerErrorPathUnderTheServletPath() {
    runner
        .withClassLoader(new FilteredClassLoader("org.springframework.boot.webmvc.error"))
        .withPropertyValues(
            "server.error.path=/oops",
            "spring.web.error.path=/ignored",
            "spring.mvc.servlet.path=/app/")
        .run(
            context ->
                assertThat(
                        context
                            .getBean(
                                "meshguardErrorPathFilterRegistration",
                                FilterRegistrationBean.class)
                            .getUrlPatterns())
                    .containsExactly("/app/oops"));
  }

  @Test
  void errorPathWhenBoot4ThenSpringWebErrorPath() {
    runner
        .withPropertyValues("server.error.path=/ignored", "spring.web.error.path=oops")
        .run(
            context ->
                assertThat(
                        context
                            .getBean(
                                "meshguardErrorPathFilterRegistration",
                                FilterRegistrationBean.class)
                            .getUrlPatterns())
                    .containsExactly("/oops"));
  }

  @Test
  void contextWhenPropertiesSetThenMappedOneToOneOntoTheCore() {
    runner
        .withPropertyValues(
            "meshguard.audiences=orders,billing",
            "meshguard.clock-skew=30s",
            "meshguard.payload-header=X-Payload",
            "meshguard.accept-raw-json=true",
            "meshguard.max-depth=8")
        .run(
            context -> {
              Meshguard guard = context.getBean(Meshguard.class);
              assertThat(guard.claimsValidator().audiences())
                  .containsExactlyInAnyOrder("orders", "billing");
              assertThat(guard.claimsValidator().clockSkew()).hasSeconds(30);
              assertThat(guard.payloadHeader()).isEqualTo("x-payload");
              assertThat(guard.payloadDecoder().acceptsRawJson()).isTrue();
              assertThat(guard.payloadDecoder().limits().maxDepth()).isEqualTo(8);
            });
  }

  @Test
  void contextWhenDisabledThenBacksOff() {
    runner
        .withPropertyValues("meshguard.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(Meshguard.class)
                    .doesNotHaveBean("meshguardFilterRegistration"));
  }

  @Test
  void contextWhenNotAWebApplicationThenBacksOff() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MeshguardAutoConfiguration.class))
        .withPropertyValues(
            "meshguard.issuers=" + ISSUER, "meshguard.trust-domains=" + TRUST_DOMAIN)
        .run(context -> assertThat(context).doesNotHaveBean(Meshguard.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnGuard {
    @Bean
    Meshguard meshguard() {
      return Meshguard.builder()
          .claimsValidator(ClaimsValidator.builder().issuers("https://own.example.com").build())
          .build();
    }
  }

  @Test
  void contextWhenUserDefinesAGuardThenItIsUsed() {
    runner
        .withUserConfiguration(OwnGuard.class)
        .run(
            context ->
                assertThat(context.getBean(Meshguard.class).claimsValidator().issuers())
                    .containsExactly("https://own.example.com"));
  }

  @Test
  void contextWhenSettingsInvalidThenStartFailsNamingTheSetting() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MeshguardAutoConfiguration.class))
        .withPropertyValues("meshguard.trust-domains=" + TRUST_DOMAIN)
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessage("Setting meshguard.issuers is required"));
    runner
        .withPropertyValues("meshguard.unmatched=allow")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "Setting meshguard.unmatched must be deny, not-found or authenticated"));
  }

  @Test
  void securityWhenAbsentThenEverythingElseStillConfigured() {
    runner
        .withClassLoader(new FilteredClassLoader(SecurityFilterChain.class))
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(Meshguard.class)
                    .hasBean("meshguardFilterRegistration")
                    .doesNotHaveBean("meshguardSecurityFilterChain"));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnChain {
    @Bean
    SecurityFilterChain ownChain() {
      return new DefaultSecurityFilterChain(request -> true);
    }
  }

  @Test
  void securityWhenTheApplicationHasAChainThenOursBacksOff() {
    runner
        .withUserConfiguration(OwnChain.class)
        .run(context -> assertThat(context).doesNotHaveBean("meshguardSecurityFilterChain"));
  }

  @Test
  void metricsWhenARegistryExistsThenDecisionsAreCountedByOutcomeAndCode() {
    runner
        .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              Meshguard guard = context.getBean(Meshguard.class);
              guard.decide(MeshRequest.builder().path("/x").build(), Requirement.authenticated());
              SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
              assertThat(
                      registry
                          .get(DecisionMetrics.NAME)
                          .tag("outcome", "denied")
                          .tag("code", "missing_credentials")
                          .counter()
                          .count())
                  .isEqualTo(1.0);
              assertThat(
                      registry
                          .get(DecisionMetrics.NAME)
                          .tag("outcome", "allowed")
                          .counter()
                          .count())
                  .isZero();
            });
  }

  @Test
  void metricsWhenMicrometerAbsentThenNoListener() {
    runner
        .withClassLoader(new FilteredClassLoader(io.micrometer.core.instrument.MeterRegistry.class))
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(Meshguard.class)
                    .doesNotHaveBean(DecisionListener.class));
  }
}
