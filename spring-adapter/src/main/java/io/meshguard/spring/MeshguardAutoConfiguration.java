package io.meshguard.spring;

import io.meshguard.core.Decision;
import io.meshguard.core.DecisionListener;
import io.meshguard.core.Meshguard;
import io.meshguard.core.metrics.DecisionMetrics;
import io.meshguard.core.route.RouteTable;
import io.meshguard.core.route.Unmatched;
import io.meshguard.servlet.MeshguardFilter;
import io.meshguard.spring.security.MeshguardSecurityConfigurer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.core.GrantedAuthorityDefaults;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Puts meshguard in front of a Spring MVC application: the {@link Meshguard} built from {@code
 * meshguard.*}, a {@link MeshguardFilter} (bean {@code meshguardFilterRegistration}, before Spring
 * Security's filter chain) whose routes are Spring MVC's handler mappings and the annotations on
 * their methods, a second one that answers requests sent to Boot's error path with 404, and the
 * {@link io.meshguard.core.MeshIdentity} as a controller argument. Every bean can be replaced;
 * {@code meshguard.enabled=false} or a non-servlet application switches it all off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
    // Names, not classes: these moved between Boot 3.5 and 4 (see the package documentation).
    beforeName = {
      // Boot 4 and Boot 3.5: their default chain backs off when ours (below) exists.
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
      "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
      // With Actuator, Boot 4 and Boot 3.5: its default chain (form login, basic) likewise.
      "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, MeshguardFilter.class})
@ConditionalOnProperty(
    prefix = "meshguard",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(MeshguardProperties.class)
public class MeshguardAutoConfiguration {

  /**
   * Before Spring Security's filter chain (order -100), so its rules see an already checked caller.
   */
  public static final int FILTER_ORDER = -110;

  /** Actuator's health endpoint on Boot 4 and on Boot 3.5 (named only: it moved). */
  private static final String BOOT_4_HEALTH_ENDPOINT =
      "org.springframework.boot.health.actuate.endpoint.HealthEndpoint";

  private static final String BOOT_3_HEALTH_ENDPOINT =
      "org.springframework.boot.actuate.health.HealthEndpoint";

  /** Boot 4's error controller marker; Boot 3.5 has it in another package, so only its name. */
  private static final String BOOT_4_ERROR_CONTROLLER =
      "org.springframework.boot.webmvc.error.ErrorController";

  /**
   * The guard, from {@code meshguard.*}, with the application's {@link Clock} bean if it has one
   * and every {@link DecisionListener} bean, in order; an invalid setting stops the start naming
   * the key. Closed with the context (its policy and bundle watchers stop).
   */
  @Bean
  @ConditionalOnMissingBean
  public Meshguard meshguard(
      MeshguardProperties properties,
      ObjectProvider<Clock> clock,
      ObjectProvider<DecisionListener> listeners) {
    return properties
        .toSpec(clock.getIfAvailable(Clock::systemUTC))
        .start(listeners.orderedStream().toList());
  }

  /** With Micrometer: the {@code meshguard.decisions} counter, once a registry exists. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  static class MetricsConfiguration {

    @Bean
    @ConditionalOnMissingBean(DecisionMetrics.class)
    DecisionListener meshguardDecisionMetrics(ObjectProvider<MeterRegistry> registry) {
      // Resolved on first use, so the registry's own auto-configuration may come in any order.
      return new DecisionListener() {
        private volatile @Nullable DecisionMetrics metrics;

        @Override
        public void onDecision(Decision decision) {
          DecisionMetrics current = metrics;
          if (current == null) {
            MeterRegistry available = registry.getIfAvailable();
            if (available == null) {
              return;
            }
            current = new DecisionMetrics(available);
            metrics = current;
          }
          current.onDecision(decision);
        }
      };
    }
  }

  /**
   * Routes by Spring MVC's handler mappings and the annotations on their methods, after the public
   * paths ({@code meshguard.public-paths}, by default Actuator's health endpoint and its groups).
   */
  @Bean
  @ConditionalOnMissingBean
  public HandlerRouteResolver meshguardRouteResolver(
      ObjectProvider<RequestMappingInfoHandlerMapping> mappings,
      MeshguardProperties properties,
      Environment environment,
      ResourceLoader resources) {
    return new HandlerRouteResolver(
        mappings,
        properties.unmatched(),
        properties.publicPaths(defaultPublicPaths(environment, resources.getClassLoader())),
        servletPathPrefix(environment));
  }

  /**
   * With Actuator, its health endpoint and groups ({@code <base-path>/health/**}, under the
   * dispatcher servlet's path): probes must reach them without identity headers, and health says
   * nothing a caller could misuse. Nothing else: every other endpoint keeps needing an identity.
   */
  static List<String> defaultPublicPaths(Environment environment, @Nullable ClassLoader loader) {
    if (!ClassUtils.isPresent(BOOT_4_HEALTH_ENDPOINT, loader)
        && !ClassUtils.isPresent(BOOT_3_HEALTH_ENDPOINT, loader)) {
      return List.of();
    }
    String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
    String path = servletPathPrefix(environment) + (base.startsWith("/") ? base : "/" + base);
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String health =
        environment.getProperty("management.endpoints.web.path-mapping.health", "health");
    return List.of(path + (health.startsWith("/") ? health : "/" + health) + "/**");
  }

  /** The filter, for the REQUEST, ASYNC and ERROR dispatches. */
  @Bean
  @ConditionalOnMissingBean(name = "meshguardFilterRegistration")
  public FilterRegistrationBean<MeshguardFilter> meshguardFilterRegistration(
      Meshguard meshguard, HandlerRouteResolver routes) {
    FilterRegistrationBean<MeshguardFilter> registration =
        new FilterRegistrationBean<>(
            new MeshguardFilter(meshguard, routes.publicPaths().before(routes)));
    registration.setName("meshguardFilter");
    registration.setOrder(FILTER_ORDER);
    registration.setDispatcherTypes(
        DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
    return registration;
  }

  /**
   * The filter again, before the other one and for {@code REQUEST} dispatches to Boot's error path
   * only (bean {@code meshguardErrorPathFilterRegistration}). That path is where the container
   * forwards errors, not a route: a request sent there is 404 once the identity is checked,
   * whatever {@code meshguard.unmatched} says. The container's {@code ERROR} dispatches to it are
   * not affected.
   */
  @Bean
  @ConditionalOnMissingBean(name = "meshguardErrorPathFilterRegistration")
  public FilterRegistrationBean<MeshguardFilter> meshguardErrorPathFilterRegistration(
      Meshguard meshguard, Environment environment, ResourceLoader resources) {
    // No routes and unmatched not-found: the core's order, then 404.
    RouteTable none = RouteTable.builder().unmatched(Unmatched.NOT_FOUND).build();
    FilterRegistrationBean<MeshguardFilter> registration =
        new FilterRegistrationBean<>(new MeshguardFilter(meshguard, none));
    registration.setName("meshguardErrorPathFilter");
    registration.setOrder(FILTER_ORDER - 1);
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    registration.addUrlPatterns(errorPath(environment, resources.getClassLoader()));
    return registration;
  }

  /**
   * Where Boot's error controller listens, resolved as its own mapping is ({@code
   * spring.web.error.path} since Boot 4, {@code server.error.path} before), under the dispatcher
   * servlet's {@code spring.mvc.servlet.path} as Boot's {@code DispatcherServletPath} puts it.
   */
  static String errorPath(Environment environment, @Nullable ClassLoader loader) {
    String path =
        environment.resolvePlaceholders(
            ClassUtils.isPresent(BOOT_4_ERROR_CONTROLLER, loader)
                ? "${spring.web.error.path:${error.path:/error}}"
                : "${server.error.path:${error.path:/error}}");
    String prefix = servletPathPrefix(environment);
    return prefix + (path.startsWith("/") ? path : "/" + path);
  }

  /** The dispatcher servlet's path ({@code spring.mvc.servlet.path}) without a trailing slash. */
  private static String servletPathPrefix(Environment environment) {
    String prefix = environment.getProperty("spring.mvc.servlet.path", "/");
    int wildcard = prefix.indexOf('*');
    if (wildcard >= 0) {
      prefix = prefix.substring(0, wildcard);
    }
    if (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return prefix;
  }

  /**
   * Resolves {@link io.meshguard.core.MeshIdentity} controller parameters. Put first: the identity
   * is a {@link java.security.Principal}, and Spring MVC's own principal resolver would otherwise
   * hand over Spring Security's {@code Authentication} instead.
   */
  @Bean
  static BeanPostProcessor meshguardArgumentResolverPostProcessor() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof RequestMappingHandlerAdapter) {
          RequestMappingHandlerAdapter adapter = (RequestMappingHandlerAdapter) bean;
          List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
          resolvers.add(new MeshIdentityArgumentResolver());
          List<HandlerMethodArgumentResolver> existing = adapter.getArgumentResolvers();
          if (existing != null) {
            resolvers.addAll(existing);
          }
          adapter.setArgumentResolvers(resolvers);
        }
        return bean;
      }
    };
  }

  /**
   * With Spring Security on the classpath and no chain of the application's own: a chain with
   * {@link MeshguardSecurityConfigurer} that permits every request (meshguard's filter has already
   * decided), so Boot's default chain (form login, CSRF) does not turn API calls into 401s and
   * 403s.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(SecurityFilterChain.class)
  // Also what Boot's security auto-configuration enables; imported once either way, and here so
  // that HttpSecurity exists whether or not that auto-configuration runs.
  @EnableWebSecurity
  static class SecurityConfiguration {

    /**
     * The prefix {@code hasRole} expects, from {@code meshguard.roles.authority-prefix} (default
     * {@code ROLE_}, Spring Security's own); an application's own bean wins.
     */
    @Bean
    @ConditionalOnMissingBean
    static GrantedAuthorityDefaults meshguardGrantedAuthorityDefaults(
        MeshguardProperties properties) {
      return new GrantedAuthorityDefaults(properties.roleAuthorityPrefix());
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain meshguardSecurityFilterChain(HttpSecurity http) throws Exception {
      return http.with(MeshguardSecurityConfigurer.meshguard(), meshguard -> {})
          .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
          .build();
    }
  }
}
