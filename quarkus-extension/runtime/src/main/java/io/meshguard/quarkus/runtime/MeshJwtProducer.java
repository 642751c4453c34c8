package io.meshguard.quarkus.runtime;

import io.meshguard.core.MeshIdentity;
import io.meshguard.core.Meshguard;
import io.quarkus.arc.DefaultBean;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jspecify.annotations.Nullable;

/**
 * Produces the request's {@link JsonWebToken} from the mesh identity {@link MeshguardFilter}
 * stored, and the values of {@code @Claim} injection points: {@code String}, {@code Long}/{@code
 * long}, {@code Boolean}/{@code boolean}, {@code Set<String>}, {@code Optional<T>} and {@code
 * ClaimValue<T>} of these (and {@code Object} for the value as it is). {@code jakarta.json} types
 * are not produced. A claim whose value does not have the injected type fails the injection with an
 * {@link IllegalStateException} naming the claim; an absent claim injects {@code null} ({@code 0}
 * or {@code false} for a primitive), an empty {@code Optional}, or a {@code ClaimValue} whose value
 * is {@code null}.
 *
 * <p>Raw values and {@code Optional}s are read once, when the bean is created: inject them into
 * {@code @RequestScoped} beans. {@code ClaimValue}s and the {@code JsonWebToken} itself read the
 * current request's token on every call, so singletons (Quarkus REST resources are singletons by
 * default) may hold them. Not registered when the application has {@code quarkus-smallrye-jwt},
 * whose own beans then serve these injection points.
 *
 * @since 0.1.0
 */
@Singleton
public class MeshJwtProducer {

  private final CurrentVertxRequest request;
  private final Meshguard guard;
  private final JsonWebToken token;

  /**
   * A producer.
   *
   * @param request the current Vert.x request
   * @param guard the guard, for the name of the payload header
   * @param token the request-scoped token (a client proxy)
   */
  public MeshJwtProducer(CurrentVertxRequest request, Meshguard guard, JsonWebToken token) {
    this.request = request;
    this.guard = guard;
    this.token = token;
  }

  /**
   * The current request's token: {@link MeshJsonWebToken#of} its mesh identity, or {@link
   * MeshJsonWebToken#anonymous()} when the request has none.
   */
  @Produces
  @RequestScoped
  @DefaultBean
  public JsonWebToken jsonWebToken() {
    RoutingContext context = request.getCurrent();
    MeshIdentity identity = context == null ? null : context.get(MeshIdentity.ATTRIBUTE);
    if (identity == null) {
      return MeshJsonWebToken.anonymous();
    }
    HttpServerRequest http = context.request();
    return MeshJsonWebToken.of(
        identity,
        MeshJsonWebToken.rawToken(
            http.headers().getAll("Authorization"), http.headers().getAll(guard.payloadHeader())));
  }

  /** A {@code @Claim ClaimValue<T>}: reads the current request's token on every call. */
  @Produces
  @Claim("")
  public <T> ClaimValue<T> claimValue(jakarta.enterprise.inject.spi.InjectionPoint point) {
    String name = name(point);
    Type type = point.getType();
    Type valueType =
        type instanceof ParameterizedType parameterized
            ? parameterized.getActualTypeArguments()[0]
            : Object.class;
    return new MeshClaimValue<>(name, valueType, token);
  }

  /** A {@code @Claim Optional<T>}. */
  @Produces
  @Claim("")
  public <T> Optional<T> optional(jakarta.enterprise.inject.spi.InjectionPoint point) {
    return cast(convert(token.getClaim(name(point)), point.getType(), name(point)));
  }

  /** A {@code @Claim String}. */
  @Produces
  @Claim("")
  public @Nullable String string(jakarta.enterprise.inject.spi.InjectionPoint point) {
    return (String) value(point, String.class);
  }

  /** A {@code @Claim Long} or {@code long}. */
  @Produces
  @Claim("")
  public @Nullable Long number(jakarta.enterprise.inject.spi.InjectionPoint point) {
    return (Long) value(point, Long.class);
  }

  /** A {@code @Claim Boolean} or {@code boolean}. */
  @Produces
  @Claim("")
  public @Nullable Boolean bool(jakarta.enterprise.inject.spi.InjectionPoint point) {
    return (Boolean) value(point, Boolean.class);
  }

  /** A {@code @Claim Set<String>}. */
  @Produces
  @Claim("")
  public @Nullable Set<String> strings(jakarta.enterprise.inject.spi.InjectionPoint point) {
    return cast(value(point, point.getType()));
  }

  private @Nullable Object value(jakarta.enterprise.inject.spi.InjectionPoint point, Type type) {
    String name = name(point);
    return convert(token.getClaim(name), type, name);
  }

  /** The claim an injection point names: {@code value}, else {@code standard}. */
  static String name(jakarta.enterprise.inject.spi.InjectionPoint point) {
    Claim claim = null;
    for (java.lang.annotation.Annotation qualifier : point.getQualifiers()) {
      if (qualifier instanceof Claim found) {
        claim = found;
      }
    }
    if (claim == null) {
      throw new IllegalStateException("No @Claim on " + point);
    }
    String value = claim.value();
    Claims standard = claim.standard();
    if (!value.isEmpty() && standard != Claims.UNKNOWN && !value.equals(standard.name())) {
      throw new IllegalStateException(
          "@Claim names two claims, " + value + " and " + standard.name() + ", at " + point);
    }
    if (!value.isEmpty()) {
      return value;
    }
    if (standard == Claims.UNKNOWN) {
      throw new IllegalStateException("@Claim names no claim at " + point);
    }
    return standard.name();
  }

  /**
   * {@code value} as {@code type}: {@code String}, {@code Long}, {@code Boolean}, {@code
   * Set<String>} (from a string array, or one string), {@code Optional} of these, {@code Object}.
   *
   * @throws IllegalStateException when the value does not have that type
   */
  static @Nullable Object convert(@Nullable Object value, Type type, String claim) {
    if (type instanceof ParameterizedType parameterized) {
      Type raw = parameterized.getRawType();
      Type argument = parameterized.getActualTypeArguments()[0];
      if (raw == Optional.class) {
        return Optional.ofNullable(convert(value, argument, claim));
      }
      if (raw == Set.class && argument == String.class) {
        return value == null ? null : strings(value, claim);
      }
      throw unsupported(type, claim);
    }
    if (value == null || type == Object.class) {
      return value;
    }
    if (type == String.class && value instanceof String) {
      return value;
    }
    if (type == Long.class || type == long.class) {
      if (value instanceof Long) {
        return value;
      }
      if (value instanceof BigInteger big && big.bitLength() < 64) {
        return big.longValue();
      }
      throw mismatch(value, type, claim);
    }
    if ((type == Boolean.class || type == boolean.class) && value instanceof Boolean) {
      return value;
    }
    if (type == String.class || type == Boolean.class || type == boolean.class) {
      throw mismatch(value, type, claim);
    }
    throw unsupported(type, claim);
  }

  private static Set<String> strings(Object value, String claim) {
    if (value instanceof String text) {
      return Set.of(text);
    }
    if (value instanceof Collection<?> items) {
      Set<String> strings = new LinkedHashSet<>();
      for (Object item : items) {
        if (!(item instanceof String text)) {
          throw mismatch(value, Set.class, claim);
        }
        strings.add(text);
      }
      return Collections.unmodifiableSet(strings);
    }
    throw mismatch(value, Set.class, claim);
  }

  private static IllegalStateException mismatch(Object value, Type type, String claim) {
    return new IllegalStateException(
        "Claim "
            + claim
            + " is a "
            + value.getClass().getSimpleName()
            + ", not a "
            + type.getTypeName());
  }

  private static IllegalStateException unsupported(Type type, String claim) {
    return new IllegalStateException(
        "@Claim(\""
            + claim
            + "\") cannot be injected as "
            + type.getTypeName()
            + "; meshguard injects String, Long, Boolean, Set<String>, Object, and Optional or"
            + " ClaimValue of these");
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(@Nullable Object value) {
    return (T) value;
  }

  /** A {@link ClaimValue} reading the current request's token on each call. */
  private record MeshClaimValue<T>(String name, Type type, JsonWebToken token)
      implements ClaimValue<T> {

    @Override
    public String getName() {
      return name;
    }

    @Override
    public T getValue() {
      return cast(convert(token.getClaim(name), type, name));
    }

    @Override
    public String toString() {
      return "ClaimValue[" + name + "]";
    }
  }
}
