package io.meshguard.core.annotation;

import io.meshguard.core.requirement.ClaimCondition;
import io.meshguard.core.requirement.PeerMatcher;
import io.meshguard.core.requirement.PeerMatchers;
import io.meshguard.core.requirement.Requirement;
import io.meshguard.core.requirement.ScopeRequirement;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns meshguard annotations on an endpoint into a {@link Requirement}.
 *
 * <p>Class and method annotations both apply (all their conditions must hold), except that {@link
 * PublicEndpoint} on the method makes the endpoint public whatever the class says, and a method's
 * own {@code Require...} annotations override a class-level {@link PublicEndpoint}. {@link
 * PublicEndpoint} together with a {@code Require...} annotation on the same element is a conflict.
 * Every value is validated here, so an invalid annotation fails at start-up (or at build time) with
 * a message naming the element, never on a request.
 *
 * @since 0.1.0
 */
public final class AnnotatedRequirements {

  private AnnotatedRequirements() {}

  /**
   * The requirement of {@code method} declared on {@code type} (pass the user class, not a proxy).
   *
   * @return the requirement, or empty when neither carries a meshguard annotation
   * @throws IllegalArgumentException when an annotation is invalid or conflicts, naming which
   */
  public static Optional<Requirement> resolve(Class<?> type, Method method) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(method, "method");
    Optional<Requirement> onType = of(type, type.getName());
    Optional<Requirement> onMethod = of(method, type.getName() + "#" + method.getName());
    if (onMethod.isPresent() && onMethod.get().isPublic()) {
      return onMethod;
    }
    if (onType.isPresent() && onType.get().isPublic()) {
      return onMethod.isPresent() ? onMethod : onType;
    }
    if (onType.isPresent() && onMethod.isPresent()) {
      return Optional.of(onType.get().and(onMethod.get()));
    }
    return onMethod.isPresent() ? onMethod : onType;
  }

  /**
   * The requirement declared on one element alone.
   *
   * @param element a class or method
   * @param name how to name the element in error messages
   * @return the requirement, or empty when the element carries no meshguard annotation
   * @throws IllegalArgumentException when an annotation is invalid or conflicts, naming which
   */
  public static Optional<Requirement> of(AnnotatedElement element, String name) {
    boolean isPublic = element.isAnnotationPresent(PublicEndpoint.class);
    RequireScopes scopes = element.getAnnotation(RequireScopes.class);
    RequireClaim[] claims = element.getAnnotationsByType(RequireClaim.class);
    RequirePeer peer = element.getAnnotation(RequirePeer.class);
    boolean requires = scopes != null || claims.length > 0 || peer != null;
    if (isPublic && requires) {
      throw new IllegalArgumentException(
          "@PublicEndpoint on " + name + " conflicts with its @Require... annotations");
    }
    if (isPublic) {
      return Optional.of(Requirement.publicEndpoint());
    }
    if (!requires) {
      return Optional.empty();
    }
    Requirement.Builder builder = Requirement.builder();
    if (scopes != null) {
      builder.scopes(
          attempt(
              "@RequireScopes",
              name,
              () -> ScopeRequirement.of(scopes.match(), Arrays.asList(scopes.value()))));
    }
    for (RequireClaim claim : claims) {
      builder.claim(
          attempt(
              "@RequireClaim",
              name,
              () ->
                  ClaimCondition.ofPath(
                      Arrays.asList(claim.claim()), Arrays.asList(claim.values()))));
    }
    if (peer != null) {
      builder.peer(attempt("@RequirePeer", name, () -> peerMatcher(peer)));
    }
    return Optional.of(builder.build());
  }

  private static PeerMatcher peerMatcher(RequirePeer peer) {
    List<PeerMatcher> conditions = new ArrayList<>();
    addAnyOf(conditions, peer.ids(), PeerMatchers::id);
    addAnyOf(conditions, peer.trustDomains(), PeerMatchers::trustDomain);
    addAnyOf(conditions, peer.namespaces(), PeerMatchers::namespace);
    addAnyOf(conditions, peer.exactNamespaces(), PeerMatchers::exactNamespace);
    addAnyOf(conditions, peer.principals(), PeerMatchers::principal);
    if (conditions.isEmpty()) {
      throw new IllegalArgumentException(
          "give at least one of ids, trustDomains, namespaces, exactNamespaces or principals");
    }
    return PeerMatchers.allOf(conditions);
  }

  private static void addAnyOf(
      List<PeerMatcher> conditions, String[] values, Function<String, PeerMatcher> matcher) {
    if (values.length > 0) {
      List<PeerMatcher> any = new ArrayList<>();
      for (String value : values) {
        any.add(matcher.apply(value));
      }
      conditions.add(PeerMatchers.anyOf(any));
    }
  }

  private static <T> T attempt(
      String annotation, String name, java.util.function.Supplier<T> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid " + annotation + " on " + name + ": " + e.getMessage(), e);
    }
  }
}
