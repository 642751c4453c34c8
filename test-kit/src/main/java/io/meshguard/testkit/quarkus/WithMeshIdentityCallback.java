package io.meshguard.testkit.quarkus;

import io.meshguard.core.Meshguard;
import io.meshguard.testkit.MeshIdentityHeaders;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import jakarta.enterprise.inject.spi.CDI;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Applies {@link WithMeshIdentity} in {@code @QuarkusTest}s: before each test method with the
 * annotation (on the method, else on its class or an enclosing class) it mints the headers from the
 * application's {@link Meshguard} bean and adds a {@link MeshIdentityFilter} to RestAssured's
 * global filters; after the method it restores them. Registered as a {@code ServiceLoader} service
 * of both callback interfaces.
 *
 * @since 0.1.0
 */
public final class WithMeshIdentityCallback
    implements QuarkusTestBeforeEachCallback, QuarkusTestAfterEachCallback {

  private static @Nullable List<Filter> saved;

  @Override
  public void beforeEach(QuarkusTestMethodContext context) {
    WithMeshIdentity identity = find(context);
    if (identity == null) {
      return;
    }
    Meshguard guard = CDI.current().select(Meshguard.class).get();
    MeshIdentityHeaders headers = headers(MeshIdentityHeaders.of(guard), identity);
    List<Filter> filters = new ArrayList<>(RestAssured.filters());
    saved = new ArrayList<>(filters);
    filters.add(MeshIdentityFilter.of(headers));
    RestAssured.replaceFiltersWith(filters);
  }

  @Override
  public void afterEach(QuarkusTestMethodContext context) {
    List<Filter> previous = saved;
    if (previous != null) {
      RestAssured.replaceFiltersWith(previous);
      saved = null;
    }
  }

  private static @Nullable WithMeshIdentity find(QuarkusTestMethodContext context) {
    Method method = context.getTestMethod();
    WithMeshIdentity found = method == null ? null : method.getAnnotation(WithMeshIdentity.class);
    if (found != null) {
      return found;
    }
    Object instance = context.getTestInstance();
    if (instance != null) {
      found = instance.getClass().getAnnotation(WithMeshIdentity.class);
    }
    List<Object> outers = context.getOuterInstances();
    for (int i = outers.size() - 1; found == null && i >= 0; i--) {
      found = outers.get(i).getClass().getAnnotation(WithMeshIdentity.class);
    }
    return found;
  }

  /** {@code headers} with the annotation's subject, scopes, claims and peer. */
  static MeshIdentityHeaders headers(MeshIdentityHeaders headers, WithMeshIdentity identity) {
    MeshIdentityHeaders minted = headers.subject(identity.subject()).scopes(identity.scopes());
    for (String claim : identity.claims()) {
      int equals = claim.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(
            "@WithMeshIdentity claims are name=value, not '" + claim + "'");
      }
      minted = minted.claimFromText(claim.substring(0, equals), claim.substring(equals + 1));
    }
    return identity.peer().isEmpty() ? minted : minted.peer(identity.peer());
  }
}
