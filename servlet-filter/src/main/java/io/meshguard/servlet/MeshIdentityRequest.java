package io.meshguard.servlet;

import io.meshguard.core.MeshIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** The request as the application sees it once meshguard allowed it. */
final class MeshIdentityRequest extends HttpServletRequestWrapper {

  private final MeshIdentity identity;

  MeshIdentityRequest(HttpServletRequest request, MeshIdentity identity) {
    super(request);
    this.identity = identity;
  }

  @Override
  public Principal getUserPrincipal() {
    return identity;
  }

  /** The principal's name ({@code principal-claim}, else {@code sub}). */
  @Override
  public String getRemoteUser() {
    return identity.getName();
  }

  /** Roles are the granted scopes and the values of the role claims ({@code roles.claims}). */
  @Override
  public boolean isUserInRole(String role) {
    return role != null && (identity.hasScope(role) || identity.hasRole(role));
  }

  @Override
  public String getAuthType() {
    return MeshguardFilter.AUTH_TYPE;
  }
}
