package io.meshguard.core.claims;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a decoded claim set against the trust configuration: issuer, audience and time.
 *
 * <p>Issuers are compared exactly. Audiences, when configured, are any-of and compared as Envoy's
 * jwt_authn does: a leading {@code http://} or {@code https://} and one trailing {@code /} are
 * ignored on both sides, so {@code https://orders/} accepts {@code orders}; a token without {@code
 * aud} is then rejected. {@code exp} is required by default (stricter than the mesh, which lets a
 * token without {@code exp} live forever); a token is expired when {@code now - skew > exp}, not
 * yet valid when {@code nbf > now + skew}, and rejected when {@code iat > now + skew}. The skew
 * defaults to 60 seconds, as Envoy's.
 *
 * <p>Checks run in the order issuer, expiration, not-before, issued-at, audience. Immutable and
 * thread-safe.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-4.1">RFC 7519 §4.1</a>
 * @since 0.1.0
 */
public final class ClaimsValidator {

  /** Whether {@code exp} is required unless said otherwise: {@value}. */
  public static final boolean DEFAULT_REQUIRE_EXPIRATION = true;

  /** Default allowed clock skew in seconds: {@value}. */
  public static final long DEFAULT_CLOCK_SKEW_SECONDS = 60;

  /** Default clock skew: 60 seconds, as Envoy's {@code clock_skew_seconds}. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(DEFAULT_CLOCK_SKEW_SECONDS);

  private final Set<String> issuers;
  private final Set<String> audiences;
  // Per issuer, the audiences in comparison form (empty: any aud). The flat form gives every
  // issuer the same set.
  private final Map<String, Set<String>> audiencesByIssuer;
  private final boolean requireExpiration;
  private final Duration clockSkew;
  private final Clock clock;

  private ClaimsValidator(Builder builder) {
    Map<String, Set<String>> byIssuer = new LinkedHashMap<>();
    if (builder.rules.isEmpty()) {
      Set<String> flat = normalized(builder.audiences);
      for (String issuer : builder.issuers) {
        byIssuer.put(issuer, flat);
      }
    } else {
      builder.rules.forEach((issuer, audiences) -> byIssuer.put(issuer, normalized(audiences)));
    }
    this.audiencesByIssuer = Collections.unmodifiableMap(byIssuer);
    this.issuers = Collections.unmodifiableSet(new LinkedHashSet<>(byIssuer.keySet()));
    Set<String> all = new LinkedHashSet<>();
    byIssuer.values().forEach(all::addAll);
    this.audiences = Collections.unmodifiableSet(all);
    this.requireExpiration = builder.requireExpiration;
    this.clockSkew = builder.clockSkew;
    this.clock = builder.clock;
  }

  /** A builder; at least one issuer must be given. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks {@code claims} at the clock's current instant.
   *
   * @return the first violation found, or empty when the claims are accepted
   */
  public Optional<ClaimsViolation> validate(Claims claims) {
    return Optional.ofNullable(violation(claims, clock.instant()));
  }

  private @Nullable ClaimsViolation violation(Claims claims, Instant now) {
    String issuer = claims.issuerOrNull();
    if (issuer == null) {
      return ClaimsViolation.ISSUER_MISSING;
    }
    Set<String> accepted = audiencesByIssuer.get(issuer);
    if (accepted == null) {
      return ClaimsViolation.ISSUER_NOT_ACCEPTED;
    }
    NumericDate expiresAt = claims.expiresAtOrNull();
    if (expiresAt == null) {
      if (requireExpiration) {
        return ClaimsViolation.EXPIRATION_MISSING;
      }
    } else if (compareWithSkew(expiresAt, now, -1) < 0) {
      return ClaimsViolation.EXPIRED;
    }
    NumericDate notBefore = claims.notBeforeOrNull();
    if (notBefore != null && compareWithSkew(notBefore, now, 1) > 0) {
      return ClaimsViolation.NOT_YET_VALID;
    }
    NumericDate issuedAt = claims.issuedAtOrNull();
    if (issuedAt != null && compareWithSkew(issuedAt, now, 1) > 0) {
      return ClaimsViolation.ISSUED_IN_FUTURE;
    }
    if (!accepted.isEmpty() && !hasAcceptedAudience(claims, accepted)) {
      return ClaimsViolation.AUDIENCE_NOT_ACCEPTED;
    }
    return null;
  }

  /**
   * {@code date} compared with {@code now} plus ({@code sign} 1) or minus (-1) the clock skew, in
   * exact arithmetic without allocating (the skew is at most a day, so nothing overflows).
   */
  private int compareWithSkew(NumericDate date, Instant now, int sign) {
    long seconds = now.getEpochSecond() + sign * clockSkew.getSeconds();
    long nanos = now.getNano() + sign * (long) clockSkew.getNano();
    if (nanos < 0) {
      nanos += 1_000_000_000L;
      seconds--;
    } else if (nanos >= 1_000_000_000L) {
      nanos -= 1_000_000_000L;
      seconds++;
    }
    return date.compareTo(seconds, (int) nanos);
  }

  private static Set<String> normalized(Collection<String> audiences) {
    Set<String> normalized = new LinkedHashSet<>();
    for (String audience : audiences) {
      normalized.add(normalizeAudience(audience));
    }
    return Collections.unmodifiableSet(normalized);
  }

  private static boolean hasAcceptedAudience(Claims claims, Set<String> accepted) {
    for (String audience : claims.audiences()) {
      if (accepted.contains(normalizeAudience(audience))) {
        return true;
      }
    }
    return false;
  }

  /** Envoy's comparison form: without a leading {@code http(s)://} and one trailing {@code /}. */
  static String normalizeAudience(String audience) {
    int start = audience.startsWith("https://") ? 8 : audience.startsWith("http://") ? 7 : 0;
    int end =
        audience.endsWith("/") && audience.length() > start
            ? audience.length() - 1
            : audience.length();
    return start == 0 && end == audience.length() ? audience : audience.substring(start, end);
  }

  /** The accepted issuers, in the order they were configured. */
  public Set<String> issuers() {
    return issuers;
  }

  /**
   * The accepted audiences in comparison form, in the order they were configured (with per-issuer
   * rules, those of every rule); empty means {@code aud} is not checked.
   */
  public Set<String> audiences() {
    return audiences;
  }

  /**
   * The audiences a token of {@code issuer} must name one of, in comparison form; empty when its
   * {@code aud} is not checked or the issuer is not accepted.
   */
  public Set<String> audiences(String issuer) {
    return audiencesByIssuer.getOrDefault(issuer, Set.of());
  }

  /** Whether {@code exp} is required. */
  public boolean requiresExpiration() {
    return requireExpiration;
  }

  /** The clock skew allowed in each direction. */
  public Duration clockSkew() {
    return clockSkew;
  }

  /** The clock. */
  public Clock clock() {
    return clock;
  }

  /**
   * Builds a {@link ClaimsValidator}. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Set<String> issuers = new LinkedHashSet<>();
    private final Set<String> audiences = new LinkedHashSet<>();
    private final Map<String, List<String>> rules = new LinkedHashMap<>();
    private boolean requireExpiration = DEFAULT_REQUIRE_EXPIRATION;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Adds accepted issuers, compared exactly (case and trailing {@code /} matter). */
    public Builder issuers(String... issuers) {
      return issuers(Arrays.asList(issuers));
    }

    /** Adds accepted issuers, compared exactly (case and trailing {@code /} matter). */
    public Builder issuers(Collection<String> issuers) {
      for (String issuer : issuers) {
        if (Objects.requireNonNull(issuer, "issuer").isEmpty()) {
          throw new IllegalArgumentException("An accepted issuer cannot be empty");
        }
        this.issuers.add(issuer);
      }
      return this;
    }

    /** Adds accepted audiences (any one must match); none configured means any {@code aud}. */
    public Builder audiences(String... audiences) {
      return audiences(Arrays.asList(audiences));
    }

    /** Adds accepted audiences (any one must match); none configured means any {@code aud}. */
    public Builder audiences(Collection<String> audiences) {
      for (String audience : audiences) {
        if (normalizeAudience(Objects.requireNonNull(audience, "audience")).isEmpty()) {
          throw new IllegalArgumentException("An accepted audience cannot be empty");
        }
        this.audiences.add(audience);
      }
      return this;
    }

    /**
     * Accepts tokens of {@code issuer} only for one of {@code audiences} (none: any {@code aud}),
     * so that one tenant's issuer is not accepted with another's audience. Exclusive with the flat
     * {@link #issuers} and {@link #audiences}, which give every issuer every audience.
     *
     * @throws IllegalArgumentException for an empty issuer or audience, or an issuer given twice
     */
    public Builder issuerRule(String issuer, Collection<String> audiences) {
      if (Objects.requireNonNull(issuer, "issuer").isEmpty()) {
        throw new IllegalArgumentException("An accepted issuer cannot be empty");
      }
      for (String audience : audiences) {
        if (normalizeAudience(Objects.requireNonNull(audience, "audience")).isEmpty()) {
          throw new IllegalArgumentException("An accepted audience cannot be empty");
        }
      }
      if (rules.putIfAbsent(issuer, List.copyOf(audiences)) != null) {
        throw new IllegalArgumentException("Two rules for the issuer " + issuer);
      }
      return this;
    }

    /** Whether {@code exp} is required (default {@code true}). */
    public Builder requireExpiration(boolean require) {
      this.requireExpiration = require;
      return this;
    }

    /** The skew allowed in each direction (default 60 s; zero or positive, at most one day). */
    public Builder clockSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("The clock skew must lie between 0 and 1 day");
      }
      this.clockSkew = skew;
      return this;
    }

    /** The clock (default {@link Clock#systemUTC()}). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The validator.
     *
     * @throws IllegalStateException when no issuer was given (with none, no token could be
     *     accepted), or per-issuer rules together with the flat issuers or audiences
     */
    public ClaimsValidator build() {
      if (!rules.isEmpty() && !(issuers.isEmpty() && audiences.isEmpty())) {
        throw new IllegalStateException(
            "Per-issuer rules and the flat issuers and audiences cannot be combined");
      }
      if (issuers.isEmpty() && rules.isEmpty()) {
        throw new IllegalStateException("At least one accepted issuer is required");
      }
      return new ClaimsValidator(this);
    }
  }
}
