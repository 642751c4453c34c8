package io.meshguard.spring.security;

import io.meshguard.core.MeshIdentity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Inside Spring Security's chain: turns the identity meshguard's filter already checked (the
 * request attribute {@link io.meshguard.core.MeshIdentity#ATTRIBUTE}) into the request's {@link
 * MeshAuthentication}. It checks nothing itself.
 *
 * @since 0.1.0
 */
public final class MeshguardSecurityContextFilter extends OncePerRequestFilter {

  private final SecurityContextHolderStrategy strategy =
      SecurityContextHolder.getContextHolderStrategy();
  private final String rolePrefix;

  /** A filter whose role authorities are prefixed {@code ROLE_}. */
  public MeshguardSecurityContextFilter() {
    this(MeshAuthentication.DEFAULT_ROLE_PREFIX);
  }

  /**
   * A filter whose role authorities are prefixed {@code rolePrefix}.
   *
   * @param rolePrefix the prefix {@code hasRole} expects
   */
  public MeshguardSecurityContextFilter(String rolePrefix) {
    this.rolePrefix = java.util.Objects.requireNonNull(rolePrefix, "rolePrefix");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Object identity = request.getAttribute(MeshIdentity.ATTRIBUTE);
    if (identity instanceof MeshIdentity) {
      SecurityContext context = strategy.createEmptyContext();
      context.setAuthentication(new MeshAuthentication((MeshIdentity) identity, rolePrefix));
      strategy.setContext(context);
    }
    chain.doFilter(request, response);
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }
}
