package io.meshguard.spring.security;

import io.meshguard.core.ErrorCode;
import io.meshguard.core.http.ErrorResponses;
import io.meshguard.servlet.ProblemResponses;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.core.GrantedAuthorityDefaults;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Adds meshguard to a {@code SecurityFilterChain} of a header-authenticated API:
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain api(HttpSecurity http) throws Exception {
 *   return http.with(MeshguardSecurityConfigurer.meshguard(), meshguard -> {})
 *       .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
 *       .build();
 * }
 * }</pre>
 *
 * <p>It makes the chain stateless, switches off CSRF protection, form login and HTTP basic (there
 * are no browser sessions or passwords: the mesh authenticates), puts the mesh identity into the
 * security context (before the anonymous filter), and renders Security's own denials as meshguard's
 * problems: unauthenticated is 401 {@code Bearer}, access denied (for example by
 * {@code @PreAuthorize}) is 403 without a Bearer {@code error}, since Security's rules carry no
 * scope. meshguard's servlet filter runs before the chain and has already checked the identity,
 * routing, policy and annotations.
 *
 * @since 0.1.0
 */
public final class MeshguardSecurityConfigurer
    extends AbstractHttpConfigurer<MeshguardSecurityConfigurer, HttpSecurity> {

  /** The configurer, for {@code http.with(meshguard(), c -> {})}. */
  public static MeshguardSecurityConfigurer meshguard() {
    return new MeshguardSecurityConfigurer();
  }

  @Override
  public void init(HttpSecurity http) {
    http.sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .formLogin(form -> form.disable())
        .httpBasic(basic -> basic.disable())
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint(
                        (request, response, e) ->
                            ProblemResponses.write(
                                response, ErrorResponses.render(ErrorCode.MISSING_CREDENTIALS)))
                    .accessDeniedHandler(
                        (request, response, e) ->
                            ProblemResponses.write(
                                response, ErrorResponses.render(ErrorCode.ACCESS_DENIED))));
  }

  /**
   * Adds the filter that makes the checked identity the {@code Authentication}. Role authorities
   * take the prefix of the application's {@link GrantedAuthorityDefaults} bean, the one {@code
   * hasRole} uses ({@code ROLE_} without one; the starter makes one from {@code
   * meshguard.roles.authority-prefix}).
   */
  @Override
  public void configure(HttpSecurity http) {
    ApplicationContext context = http.getSharedObject(ApplicationContext.class);
    String rolePrefix =
        context == null
            ? MeshAuthentication.DEFAULT_ROLE_PREFIX
            : context
                .getBeanProvider(GrantedAuthorityDefaults.class)
                .getIfAvailable(
                    () -> new GrantedAuthorityDefaults(MeshAuthentication.DEFAULT_ROLE_PREFIX))
                .getRolePrefix();
    http.addFilterBefore(
        new MeshguardSecurityContextFilter(rolePrefix), AnonymousAuthenticationFilter.class);
  }
}
