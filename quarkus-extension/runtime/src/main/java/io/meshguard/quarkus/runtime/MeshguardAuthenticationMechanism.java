package io.meshguard.quarkus.runtime;

import io.meshguard.core.MeshIdentity;
import io.quarkus.arc.All;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * Quarkus' authentication mechanism for the mesh identity. It decodes nothing itself: {@link
 * MeshguardFilter} has already decided the request, and this mechanism hands the identity it stored
 * to {@link MeshIdentityProvider}. A request without one (a public endpoint, a CORS preflight)
 * stays anonymous; its challenge is RFC 6750's bare {@code Bearer}.
 *
 * <p>When {@link MeshIdentityProvider} is the only provider of {@link MeshAuthenticationRequest}s
 * and the application has no {@link SecurityIdentityAugmentor}, the identity provider manager would
 * only hand the request to it and pass its identity on; the mechanism then asks the provider
 * directly, which saves the manager's lookup and reactive steps on every request.
 *
 * @since 0.1.0
 */
@Singleton
public class MeshguardAuthenticationMechanism implements HttpAuthenticationMechanism {

  private static final ChallengeData CHALLENGE =
      new ChallengeData(401, "WWW-Authenticate", "Bearer");

  /** The provider to ask directly, or {@code null} when the manager must be asked. */
  private final MeshIdentityProvider direct;

  /** A mechanism for CDI, with the application's identity providers and augmentors. */
  @Inject
  public MeshguardAuthenticationMechanism(
      @All List<IdentityProvider<?>> providers, @All List<SecurityIdentityAugmentor> augmentors) {
    MeshIdentityProvider only = null;
    int count = 0;
    for (IdentityProvider<?> provider : providers) {
      if (provider.getRequestType() == MeshAuthenticationRequest.class) {
        count++;
        if (provider instanceof MeshIdentityProvider mesh) {
          only = mesh;
        }
      }
    }
    this.direct = count == 1 && augmentors.isEmpty() ? only : null;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    MeshIdentity identity = context.get(MeshIdentity.ATTRIBUTE);
    if (identity == null) {
      return Uni.createFrom().nullItem();
    }
    if (direct != null) {
      return Uni.createFrom().item(direct.cachedSecurityIdentity(identity));
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
