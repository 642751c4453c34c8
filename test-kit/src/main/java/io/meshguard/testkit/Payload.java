package io.meshguard.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A JWT payload for tests, written as JSON without any JSON library. Values may be strings,
 * numbers, booleans, {@code null}, lists and maps of these. Members keep the order they were set
 * in; setting a member again replaces it. Not thread-safe.
 *
 * @since 0.1.0
 */
public final class Payload {

  private final Map<String, @Nullable Object> members = new LinkedHashMap<>();
  private Clock clock = Clock.systemUTC();

  private Payload() {}

  /** An empty payload. */
  public static Payload empty() {
    return new Payload();
  }

  /** A payload with {@code iss} set. */
  public static Payload issuedBy(String issuer) {
    return new Payload().claim("iss", issuer);
  }

  /** Uses {@code clock} for {@link #expiresIn}, {@link #issuedNow} and {@link #notBefore}. */
  public Payload clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Sets {@code sub}. */
  public Payload subject(String subject) {
    return claim("sub", subject);
  }

  /** Sets {@code scope} to the scopes, space-separated. */
  public Payload scope(String... scopes) {
    return claim("scope", String.join(" ", scopes));
  }

  /** Sets {@code scp} to an array of the scopes. */
  public Payload scp(String... scopes) {
    return claim("scp", List.of(scopes));
  }

  /** Sets {@code aud} to one string or, for several, an array. */
  public Payload audience(String... audiences) {
    return claim("aud", audiences.length == 1 ? audiences[0] : List.of(audiences));
  }

  /** Sets {@code exp} to now plus {@code lifetime} (negative for an expired token). */
  public Payload expiresIn(Duration lifetime) {
    return claim("exp", clock.instant().plus(lifetime).getEpochSecond());
  }

  /** Sets {@code exp} to an instant. */
  public Payload expiresAt(Instant instant) {
    return claim("exp", instant.getEpochSecond());
  }

  /** Sets {@code iat} to now. */
  public Payload issuedNow() {
    return claim("iat", clock.instant().getEpochSecond());
  }

  /** Sets {@code nbf} to now plus {@code offset}. */
  public Payload notBefore(Duration offset) {
    return claim("nbf", clock.instant().plus(offset).getEpochSecond());
  }

  /** Sets any claim. */
  public Payload claim(String name, @Nullable Object value) {
    members.put(Objects.requireNonNull(name, "name"), value);
    return this;
  }

  /** Removes a claim. */
  public Payload without(String name) {
    members.remove(name);
    return this;
  }

  /** The payload as compact JSON. */
  public String toJson() {
    StringBuilder out = new StringBuilder();
    write(out, members);
    return out.toString();
  }

  /** {@link #toJson()}. */
  @Override
  public String toString() {
    return toJson();
  }

  private static void write(StringBuilder out, @Nullable Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String) {
      string(out, (String) value);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(out, String.valueOf(entry.getKey()));
        out.append(':');
        write(out, entry.getValue());
      }
      out.append('}');
    } else if (value instanceof Iterable) {
      out.append('[');
      List<Object> items = new ArrayList<>();
      ((Iterable<?>) value).forEach(items::add);
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, items.get(i));
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("Not a JSON value: " + value.getClass().getName());
    }
  }

  private static void string(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
