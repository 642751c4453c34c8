package io.meshguard.quarkus.runtime;

import io.meshguard.core.MeshIdentity;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Quarkus' authentication mechanism for the mesh identity. It decodes nothing itself: {@link
 * MeshguardFilter} has already decided the request, and this mechanism hands the identity it stored
 * to {@link MeshIdentityProvider}. A request without one (a public endpoint, a CORS preflight)
 * stays anonymous; its challenge is RFC 6750's bare {@code Bearer}.
 *
 * @since 0.1.0
 */
@Singleton
public class MeshguardAuthenticationMechanism implements HttpAuthenticationMechanism {

  private static final ChallengeData CHALLENGE =
      new ChallengeData(401, "WWW-Authenticate", "Bearer");

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    MeshIdentity identity = context.get(MeshIdentity.ATTRIBUTE);
    if (identity == null) {
      return Uni.createFrom().nullItem();
    }
    return identityProviderManager.authenticate(
        HttpSecurityUtils.setRoutingContextAttribute(
            new MeshAuthenticationRequest(identity), context));
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(CHALLENGE);
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(MeshAuthenticationRequest.class);
  }
}
