package io.meshguard.core.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A path pattern matched against the container's decoded, normalised request path, segment by
 * segment: a literal segment matches itself (case-sensitive), {@code *} or {@code {name}} matches
 * exactly one non-empty segment, and a final {@code **} matches zero or more segments. {@code
 * /api/v1/orders/{id}} matches {@code /api/v1/orders/7} but neither {@code /api/v1/orders} nor
 * {@code /api/v1/orders/7/}. Immutable; matching allocates nothing.
 *
 * @since 0.1.0
 */
public final class PathPattern {

  private static final String ANY_SEGMENT = "*";
  private static final String ANY_SEGMENTS = "**";

  private final String text;
  private final List<String> segments;
  private final boolean trailingAny;

  private PathPattern(String text, List<String> segments, boolean trailingAny) {
    this.text = text;
    this.segments = segments;
    this.trailingAny = trailingAny;
  }

  /**
   * Parses a pattern.
   *
   * @throws IllegalArgumentException when it does not start with {@code /}, has an empty segment
   *     (other than the root {@code /}), or has {@code **} anywhere but last
   */
  public static PathPattern parse(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("A path pattern starts with '/': " + pattern);
    }
    List<String> segments = new ArrayList<>();
    boolean trailingAny = false;
    if (!pattern.equals("/")) {
      String[] parts = pattern.substring(1).split("/", -1);
      for (int i = 0; i < parts.length; i++) {
        String part = parts[i];
        if (part.isEmpty()) {
          throw new IllegalArgumentException("A path pattern has no empty segments: " + pattern);
        }
        if (part.equals(ANY_SEGMENTS)) {
          if (i != parts.length - 1) {
            throw new IllegalArgumentException("'**' may only end a path pattern: " + pattern);
          }
          trailingAny = true;
        } else if (part.equals(ANY_SEGMENT) || isVariable(part)) {
          segments.add(ANY_SEGMENT);
        } else if (part.contains("*") || part.contains("{") || part.contains("}")) {
          // A '{name: regex}' would be silently one segment whatever its expression says: refused.
          throw new IllegalArgumentException(
              "A path pattern segment is a literal, '*', '{name}' (no expression) or a final '**': "
                  + pattern);
        } else {
          segments.add(part);
        }
      }
    }
    return new PathPattern(pattern, List.copyOf(segments), trailingAny);
  }

  private static boolean isVariable(String part) {
    if (part.length() <= 2 || !part.startsWith("{") || !part.endsWith("}")) {
      return false;
    }
    for (int i = 1; i < part.length() - 1; i++) {
      char c = part.charAt(i);
      if (c == '{' || c == '}' || c == ':' || Character.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code path} (decoded, normalised, starting with {@code /}) matches. */
  public boolean matches(String path) {
    if (path.isEmpty() || path.charAt(0) != '/') {
      return false;
    }
    int pos = 1;
    for (String segment : segments) {
      if (pos > path.length()) {
        return false;
      }
      int end = path.indexOf('/', pos);
      if (end < 0) {
        end = path.length();
      }
      int length = end - pos;
      if (length == 0) {
        return false;
      }
      if (!segment.equals(ANY_SEGMENT)
          && (segment.length() != length || !path.regionMatches(pos, segment, 0, length))) {
        return false;
      }
      pos = end + 1;
    }
    if (trailingAny) {
      return true;
    }
    // Every pattern segment consumed: the path must end exactly here ("/" alone for the root).
    return segments.isEmpty() ? path.length() == 1 : pos == path.length() + 1;
  }

  /**
   * Whether some path matches both this pattern and {@code other}.
   *
   * @param other another pattern
   */
  public boolean overlaps(PathPattern other) {
    return overlap(shape(), other.shape(), 0, 0);
  }

  /**
   * Whether some path matches both segment lists ({@link #shape()}), from {@code a[i]}, {@code
   * b[j]} on.
   */
  static boolean overlap(List<String> a, List<String> b, int i, int j) {
    if (i < a.size() && a.get(i).equals(ANY_SEGMENTS)
        || j < b.size() && b.get(j).equals(ANY_SEGMENTS)) {
      return true;
    }
    if (i == a.size() || j == b.size()) {
      return i == a.size() && j == b.size();
    }
    String x = a.get(i);
    String y = b.get(j);
    return (x.equals(ANY_SEGMENT) || y.equals(ANY_SEGMENT) || x.equals(y))
        && overlap(a, b, i + 1, j + 1);
  }

  /**
   * The segments as {@link SpecificRoutes} compares them: literals, {@code *} for a one-segment
   * variable, and a final {@code **} when the pattern ends with one.
   */
  List<String> shape() {
    if (!trailingAny) {
      return segments;
    }
    List<String> shape = new ArrayList<>(segments);
    shape.add(ANY_SEGMENTS);
    return shape;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof PathPattern && ((PathPattern) other).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The pattern as written. */
  @Override
  public String toString() {
    return text;
  }
}
