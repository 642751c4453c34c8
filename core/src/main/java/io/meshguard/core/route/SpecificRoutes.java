package io.meshguard.core.route;

import io.meshguard.core.requirement.Requirement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Orders the routes of a framework that picks the <em>most specific</em> matching route (JAX-RS,
 * and gRPC or WebFlux adapters that list their handlers), so that a {@link RouteTable}, which takes
 * the first match, picks the same one; and refuses two routes it could not tell apart.
 *
 * <p>Order: more literal characters first (a literal segment counts its length plus one for its
 * {@code /}), then more variables, then an explicit {@code HEAD} before a {@code GET} (which also
 * serves {@code HEAD}); routes equal in all three keep the order they were added in. This is the
 * order of Jakarta RESTful Web Services 3.1, section 3.7.2, step 3(b).
 *
 * <p>Two routes <em>conflict</em> when one request could reach either (their methods overlap and
 * some path matches both patterns), their requirements differ ({@link Requirement#equals}, which
 * compares by value), and neither is a literal refinement of the other (matching a subset of its
 * paths with more literal characters, so both the framework and this order try it first). Routes
 * that need the same thing never conflict, however they overlap: whichever serves the request, the
 * requirement is the same.
 *
 * <pre>{@code
 * RouteTable table = SpecificRoutes.builder()
 *     .route("OrdersResource#byId", new Route("GET", PathPattern.parse("/orders/*"), byId))
 *     .route("OrdersResource#latest", new Route("GET", PathPattern.parse("/orders/latest"), latest))
 *     .table(Unmatched.NOT_FOUND); // /orders/latest first
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SpecificRoutes {

  private SpecificRoutes() {}

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Most literal characters, then most variables, then explicit HEAD before GET. */
  private static final Comparator<Entry> SPECIFIC_FIRST =
      Comparator.comparingInt((Entry entry) -> -entry.literalCharacters())
          .thenComparingInt(entry -> -entry.variables())
          .thenComparingInt(entry -> entry.route.method().equals("HEAD") ? 0 : 1);

  /**
   * Collects routes, refusing each one that conflicts with one added before. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final List<Entry> entries = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a route.
     *
     * @param name how to name the route in an error, such as the handler method
     * @param route the route
     * @throws IllegalArgumentException naming both routes, when it conflicts with one added before
     */
    public Builder route(String name, Route route) {
      Entry entry =
          new Entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(route, "route"));
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
      return this;
    }

    /** The routes added, most specific first. */
    public List<Route> routes() {
      List<Entry> sorted = new ArrayList<>(entries);
      sorted.sort(SPECIFIC_FIRST);
      List<Route> routes = new ArrayList<>(sorted.size());
      for (Entry entry : sorted) {
        routes.add(entry.route);
      }
      return List.copyOf(routes);
    }

    /** A route table of the routes added, most specific first. */
    public RouteTable table(Unmatched unmatched) {
      RouteTable.Builder table = RouteTable.builder().unmatched(unmatched);
      routes().forEach(table::route);
      return table.build();
    }
  }

  private static final class Entry {
    private final String name;
    private final Route route;
    private final List<String> segments;
    private final int literalCharacters;
    private final int variables;

    Entry(String name, Route route) {
      this.name = name;
      this.route = route;
      this.segments = route.pattern().shape();
      int literals = 0;
      int vars = 0;
      for (String segment : segments) {
        if (isVariable(segment)) {
          vars++;
        } else {
          literals += segment.length() + 1;
        }
      }
      this.literalCharacters = literals;
      this.variables = vars;
    }

    int literalCharacters() {
      return literalCharacters;
    }

    int variables() {
      return variables;
    }

    boolean conflictsWith(Entry other) {
      if (!methodsOverlap(route.method(), other.route.method())
          || route.requirement().equals(other.route.requirement())) {
        return false;
      }
      if (!PathPattern.overlap(segments, other.segments, 0, 0)) {
        return false;
      }
      return !refines(this, other) && !refines(other, this);
    }

    private static boolean methodsOverlap(String a, String b) {
      return a.equals(b)
          || a.equals(Route.ANY_METHOD)
          || b.equals(Route.ANY_METHOD)
          || (a.equals("HEAD") && b.equals("GET"))
          || (a.equals("GET") && b.equals("HEAD"));
    }

    private static boolean isVariable(String segment) {
      return segment.equals("*") || segment.equals("**");
    }

    /**
     * Whether every path {@code narrow} matches is matched by {@code wide}, and {@code narrow} has
     * more literal characters, so both the framework and this order try it first.
     */
    private static boolean refines(Entry narrow, Entry wide) {
      List<String> a = narrow.segments;
      List<String> b = wide.segments;
      if (a.contains("**") || narrow.literalCharacters <= wide.literalCharacters) {
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
