package io.meshguard.spring.security;

import io.meshguard.core.MeshIdentity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A caller meshguard authenticated: the principal is the {@link MeshIdentity}, the name its
 * subject, and each granted scope an authority {@code SCOPE_<scope>}, so {@code
 * hasAuthority('SCOPE_orders:read')} works as with Spring's own resource server. Immutable.
 *
 * @since 0.1.0
 */
public final class MeshAuthentication extends AbstractAuthenticationToken {

  private static final long serialVersionUID = 1L;

  /** The prefix of scope authorities. */
  public static final String SCOPE_PREFIX = "SCOPE_";

  /** The default prefix of role authorities, so that {@code hasRole('admin')} works. */
  public static final String DEFAULT_ROLE_PREFIX = "ROLE_";

  private final transient MeshIdentity identity;

  /** An authenticated token for {@code identity}, roles prefixed {@code ROLE_}. */
  public MeshAuthentication(MeshIdentity identity) {
    this(identity, DEFAULT_ROLE_PREFIX);
  }

  /**
   * An authenticated token for {@code identity}: authority {@code SCOPE_<scope>} for each scope and
   * {@code <rolePrefix><role>} for each value of the role claims ({@link MeshIdentity#roles()}).
   */
  public MeshAuthentication(MeshIdentity identity, String rolePrefix) {
    super(authorities(identity, rolePrefix));
    this.identity = Objects.requireNonNull(identity, "identity");
    setAuthenticated(true);
  }

  private static Collection<? extends GrantedAuthority> authorities(
      MeshIdentity identity, String rolePrefix) {
    Objects.requireNonNull(rolePrefix, "rolePrefix");
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (String scope : identity.scopes()) {
      authorities.add(new SimpleGrantedAuthority(SCOPE_PREFIX + scope));
    }
    for (String role : identity.roles()) {
      String authority = rolePrefix + role;
      // A role claim must never pass for a scope, whatever prefix the application chose.
      if (!authority.startsWith(SCOPE_PREFIX)) {
        authorities.add(new SimpleGrantedAuthority(authority));
      }
    }
    return authorities;
  }

  /** The mesh identity. */
  @Override
  public MeshIdentity getPrincipal() {
    return identity;
  }

  /** None: the mesh verified the token; the application never sees it. */
  @Override
  public @Nullable Object getCredentials() {
    return null;
  }

  /**
   * The principal's name ({@code principal-claim}, else {@code sub}); see {@link
   * MeshIdentity#getName()}.
   */
  @Override
  public String getName() {
    return identity.getName();
  }
}
