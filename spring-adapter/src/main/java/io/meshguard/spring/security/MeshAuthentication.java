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

  private final transient MeshIdentity identity;

  /** An authenticated token for {@code identity}. */
  public MeshAuthentication(MeshIdentity identity) {
    super(authorities(identity));
    this.identity = Objects.requireNonNull(identity, "identity");
    setAuthenticated(true);
  }

  private static Collection<? extends GrantedAuthority> authorities(MeshIdentity identity) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (String scope : identity.scopes()) {
      authorities.add(new SimpleGrantedAuthority(SCOPE_PREFIX + scope));
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

  /** The subject, or the empty string when the payload has none. */
  @Override
  public String getName() {
    return identity.getName();
  }
}
