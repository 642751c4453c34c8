package io.meshguard.quarkus.runtime;

import io.meshguard.core.annotation.AnnotatedRequirements;
import io.meshguard.core.requirement.Requirement;
import io.meshguard.core.route.PathVariableRegex;
import io.meshguard.core.route.RouteTable;
import io.meshguard.core.route.Unmatched;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Turns the resource methods the build found into a {@link RouteTable}: each method's requirement
 * is read from its meshguard annotations with {@link AnnotatedRequirements} (a method without any
 * needs a valid identity), and the routes are ordered as JAX-RS matches them (more literal
 * characters first, then more variables), since a {@link RouteTable} takes the first match.
 *
 * <p>A path variable with a regular expression ({@code {id: [0-9]+}}) matches one segment in the
 * middle of a template and any number of segments at its end; in the middle its expression must be
 * one that {@link PathVariableRegex} proves never matches {@code /}, or the build fails: meshguard
 * would otherwise route such a request differently from Quarkus. An expression it cannot check
 * (lookaround, backreferences, inline flags) fails the build too.
 *
 * @since 0.1.0
 */
public final class EndpointRoutes {

  private EndpointRoutes() {}

  /**
   * The route table of {@code endpoints}.
   *
   * @param endpoints the resource methods
   * @param unmatched what happens to requests no resource method serves
   * @param loader the class loader of the resource classes
   * @throws IllegalArgumentException naming the resource method, for an invalid annotation, a path
   *     template meshguard cannot route, or two methods that share a method and path but not a
   *     requirement
   */
  public static RouteTable table(
      List<EndpointRoute> endpoints, Unmatched unmatched, ClassLoader loader) {
    Objects.requireNonNull(unmatched, "unmatched");
    List<Entry> entries = new ArrayList<>();
    for (EndpointRoute endpoint : endpoints) {
      Entry entry =
          new Entry(
              endpoint.getHttpMethod(),
              pattern(endpoint),
              requirement(endpoint, loader),
              endpoint.toString());
      for (Entry other : entries) {
        if (entry.conflictsWith(other)) {
          throw new IllegalArgumentException(
              "meshguard cannot tell which of "
                  + other.name
                  + " and "
                  + entry.name
                  + " serves a path both match, and they need different things; give them"
                  + " distinct literal paths or the same meshguard annotations");
        }
      }
      entries.add(entry);
    }
    entries.sort(SPECIFIC_FIRST);
    RouteTable.Builder table = RouteTable.builder().unmatched(unmatched);
    for (Entry entry : entries) {
      table.route(entry.method, entry.pattern, entry.requirement);
    }
    return table.build();
  }

  private static Requirement requirement(EndpointRoute endpoint, ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(endpoint.getDeclaringClass(), false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("Cannot load the resource class of " + endpoint, e);
    }
    return AnnotatedRequirements.resolve(type, method(type, endpoint))
        .orElse(Requirement.authenticated());
  }

  private static Method method(Class<?> type, EndpointRoute endpoint) {
    for (Method method : type.getDeclaredMethods()) {
      if (method.getName().equals(endpoint.getMethodName())
          && Arrays.stream(method.getParameterTypes())
              .map(Class::getName)
              .toList()
              .equals(endpoint.getParameterTypes())) {
        return method;
      }
    }
    throw new IllegalArgumentException("Cannot find the resource method " + endpoint);
  }

  /** The {@link io.meshguard.core.route.PathPattern} text of a JAX-RS path template. */
  static String pattern(EndpointRoute endpoint) {
    String template = endpoint.getPathTemplate();
    List<String> segments = segments(template, endpoint);
    StringBuilder pattern = new StringBuilder();
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      boolean last = i == segments.size() - 1;
      pattern.append('/');
      if (segment.startsWith("{") && segment.endsWith("}")) {
        int colon = segment.indexOf(':');
        if (colon < 0) {
          pattern.append('*');
        } else if (last) {
          pattern.append("**");
        } else {
          PathVariableRegex regex =
              PathVariableRegex.of(segment.substring(colon + 1, segment.length() - 1).strip());
          if (regex.canMatchSlash()) {
            throw new IllegalArgumentException(
                "meshguard cannot route "
                    + endpoint
                    + ": the path variable "
                    + segment
                    + " may match '/' in the middle of the path: "
                    + regex.reason().orElseThrow());
          }
          pattern.append('*');
        }
      } else if (segment.contains("{") || segment.contains("}") || segment.contains("*")) {
        throw new IllegalArgumentException(
            "meshguard cannot route "
                + endpoint
                + ": a path variable must be a whole segment, not part of '"
                + segment
                + "'");
      } else {
        pattern.append(segment);
      }
    }
    return pattern.length() == 0 ? "/" : pattern.toString();
  }

  /** The template's segments; a variable's expression may itself contain '/' or braces. */
  private static List<String> segments(String template, EndpointRoute endpoint) {
    List<String> segments = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        if (depth < 0) {
          throw new IllegalArgumentException("Unbalanced '}' in the path of " + endpoint);
        }
      }
      if (c == '/' && depth == 0) {
        if (current.length() > 0) {
          segments.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (depth != 0) {
      throw new IllegalArgumentException("Unbalanced '{' in the path of " + endpoint);
    }
    if (current.length() > 0) {
      segments.add(current.toString());
    }
    return segments;
  }

  /** JAX-RS order: more literal characters, then more variables, then explicit HEAD before GET. */
  private static final Comparator<Entry> SPECIFIC_FIRST =
      Comparator.comparingInt((Entry entry) -> -entry.literalCharacters())
          .thenComparingInt(entry -> -entry.variables())
          .thenComparingInt(entry -> entry.method.equals("HEAD") ? 0 : 1);

  private record Entry(String method, String pattern, Requirement requirement, String name) {

    List<String> segments() {
      return pattern.equals("/") ? List.of() : List.of(pattern.substring(1).split("/"));
    }

    int literalCharacters() {
      int count = 0;
      for (String segment : segments()) {
        if (!isVariable(segment)) {
          count += segment.length() + 1;
        }
      }
      return count;
    }

    int variables() {
      return (int) segments().stream().filter(Entry::isVariable).count();
    }

    /**
     * Two routes conflict when one request could reach either (same method, overlapping paths),
     * they need different things, and neither is a literal refinement of the other, which both
     * JAX-RS and meshguard's ordering would prefer.
     */
    boolean conflictsWith(Entry other) {
      boolean sameMethod =
          method.equals(other.method)
              || (method.equals("HEAD") && other.method.equals("GET"))
              || (method.equals("GET") && other.method.equals("HEAD"));
      if (!sameMethod || requirement.equals(other.requirement)) {
        return false;
      }
      if (!overlap(segments(), other.segments(), 0, 0)) {
        return false;
      }
      return !refines(this, other) && !refines(other, this);
    }

    private static boolean isVariable(String segment) {
      return segment.equals("*") || segment.equals("**");
    }

    private static boolean overlap(List<String> a, List<String> b, int i, int j) {
      if (i < a.size() && a.get(i).equals("**") || j < b.size() && b.get(j).equals("**")) {
        return true;
      }
      if (i == a.size() || j == b.size()) {
        return i == a.size() && j == b.size();
      }
      String x = a.get(i);
      String y = b.get(j);
      return (x.equals("*") || y.equals("*") || x.equals(y)) && overlap(a, b, i + 1, j + 1);
    }

    /**
     * Whether every path {@code narrow} matches is matched by {@code wide}, and {@code narrow} has
     * more literal characters, so both JAX-RS and this table try it first.
     */
    private static boolean refines(Entry narrow, Entry wide) {
      List<String> a = narrow.segments();
      List<String> b = wide.segments();
      if (a.contains("**") || narrow.literalCharacters() <= wide.literalCharacters()) {
        return false;
      }
      for (int k = 0; k < b.size(); k++) {
        String y = b.get(k);
        if (y.equals("**")) {
          return true;
        }
        if (k == a.size() || (!y.equals("*") && !y.equals(a.get(k)))) {
          return false;
        }
      }
      return a.size() == b.size();
    }
  }
}
