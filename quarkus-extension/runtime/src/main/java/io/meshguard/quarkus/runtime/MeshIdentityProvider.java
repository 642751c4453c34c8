package io.meshguard.quarkus.runtime;

import io.meshguard.core.MeshIdentity;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Turns a checked {@link MeshIdentity} into a Quarkus {@link SecurityIdentity}: the principal is
 * the {@link MeshIdentity} (its name is the subject), every granted scope is a role (for
 * {@code @RolesAllowed}) and a permission (for {@code @PermissionsAllowed}; {@code orders:read} is
 * permission {@code orders} with action {@code read}), and the whole identity is the attribute
 * {@link MeshIdentity#ATTRIBUTE}.
 *
 * @since 0.1.0
 */
@Singleton
public class MeshIdentityProvider implements IdentityProvider<MeshAuthenticationRequest> {

  @Override
  public Class<MeshAuthenticationRequest> getRequestType() {
    return MeshAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      MeshAuthenticationRequest request, AuthenticationRequestContext context) {
    return Uni.createFrom().item(securityIdentity(request.identity()));
  }

  /**
   * The {@link SecurityIdentity} of {@code identity}. A scope that cannot be a Quarkus permission
   * (RFC 6749 allows {@code ,} in a scope token; {@code StringPermission} reads it as an action
   * separator and refuses an empty part), or that holds whitespace Quarkus would trim away, is left
   * out of the permissions and stays a scope and a role.
   */
  public static SecurityIdentity securityIdentity(MeshIdentity identity) {
    QuarkusSecurityIdentity.Builder builder =
        QuarkusSecurityIdentity.builder()
            .setPrincipal(identity)
            .addRoles(new java.util.LinkedHashSet<>(identity.scopes()))
            .addRoles(new java.util.LinkedHashSet<>(identity.roles()))
            .addAttribute(MeshIdentity.ATTRIBUTE, identity);
    for (String scope : identity.scopes()) {
      if (!trimsToItself(scope)) {
        continue; // StringPermission trims: "orders:read\t" would become permission orders:read
      }
      try {
        builder.addPermissionAsString(scope);
      } catch (IllegalArgumentException notAPermissionName) {
        // Kept as a scope and a role only; the required-scope check reads the scopes themselves.
      }
    }
    return builder.build();
  }

  /** Whether {@code scope} holds no whitespace or control character, which Quarkus would trim. */
  private static boolean trimsToItself(String scope) {
    for (int i = 0; i < scope.length(); i++) {
      char c = scope.charAt(i);
      if (c <= ' ' || c == 0x7F || Character.isWhitespace(c) || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The {@link MeshIdentity} of a {@link SecurityIdentity} this provider made.
   *
   * @return the identity, or empty for an anonymous or foreign identity
   */
  public static Optional<MeshIdentity> meshIdentity(SecurityIdentity identity) {
    Object attribute = identity.getAttribute(MeshIdentity.ATTRIBUTE);
    return attribute instanceof MeshIdentity mesh ? Optional.of(mesh) : Optional.empty();
  }
}
