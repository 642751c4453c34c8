package io.meshguard.testkit.spring;

import io.meshguard.core.Meshguard;
import io.meshguard.testkit.MeshIdentityHeaders;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Mints the headers of a test's {@link WithMeshIdentity} (the method's, else its class's) from the
 * test context's {@link Meshguard} bean before the test method, and forgets them after it.
 * Registered through {@code META-INF/spring.factories}.
 *
 * @since 0.1.0
 */
public final class WithMeshIdentityTestExecutionListener extends AbstractTestExecutionListener {

  /** After Spring's dependency injection (2000) and before transactions (4000): {@value}. */
  public static final int ORDER = 2500;

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public void beforeTestMethod(TestContext testContext) {
    WithMeshIdentity identity = find(testContext.getTestClass(), testContext.getTestMethod());
    if (identity == null) {
      MeshMockMvc.set(null);
      return;
    }
    Meshguard guard = testContext.getApplicationContext().getBean(Meshguard.class);
    MeshMockMvc.set(headers(MeshIdentityHeaders.of(guard), identity));
  }

  @Override
  public void afterTestMethod(TestContext testContext) {
    MeshMockMvc.set(null);
  }

  /** The annotation on the method, else on the class or an enclosing class. */
  static @Nullable WithMeshIdentity find(Class<?> testClass, Method method) {
    WithMeshIdentity onMethod =
        AnnotatedElementUtils.findMergedAnnotation(method, WithMeshIdentity.class);
    return onMethod != null
        ? onMethod
        : TestContextAnnotationUtils.findMergedAnnotation(testClass, WithMeshIdentity.class);
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
