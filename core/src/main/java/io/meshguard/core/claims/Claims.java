package io.meshguard.core.claims;

import io.meshguard.core.internal.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable JWT claim set as the mesh forwarded it, with typed access to the registered claims.
 *
 * <p>Types follow RFC 7519: {@code iss}, {@code sub}, {@code jti} and {@code azp} are strings;
 * {@code aud} a string or an array of strings; {@code exp}, {@code nbf} and {@code iat}
 * NumericDates (JSON numbers in {@code [0, 2^63-1]}, fractions allowed); {@code scope} a
 * space-delimited string or an array of strings (RFC 8693 §4.2), and so is {@code scp}. A
 * registered claim of another type is rejected, never ignored. Any other claim may hold any JSON
 * value; read it with {@link #get(String)} or {@link #get(List)}.
 *
 * <p>Values are {@link Map} (JSON object), {@link List} (array), {@link String}, {@link Long},
 * {@link BigInteger}, {@link BigDecimal}, {@link Boolean}, or {@code null} (JSON null), all
 * unmodifiable. Thread-safe. {@link #toString()} lists claim names only, never values.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-4.1">RFC 7519 §4.1</a>
 * @since 0.1.0
 */
public final class Claims {

  /** {@code iss}. */
  public static final String ISSUER = "iss";

  /** {@code sub}. */
  public static final String SUBJECT = "sub";

  /** {@code aud}. */
  public static final String AUDIENCE = "aud";

  /** {@code exp}. */
  public static final String EXPIRATION = "exp";

  /** {@code nbf}. */
  public static final String NOT_BEFORE = "nbf";

  /** {@code iat}. */
  public static final String ISSUED_AT = "iat";

  /** {@code jti}. */
  public static final String JWT_ID = "jti";

  /** {@code azp} (OpenID Connect authorized party; Istio's {@code request.auth.presenter}). */
  public static final String AUTHORIZED_PARTY = "azp";

  /** {@code scope} (RFC 8693 §4.2). */
  public static final String SCOPE = "scope";

  /** {@code scp}, the array form some issuers use for scopes. */
  public static final String SCP = "scp";

  private static final int SCOPE_HASH_THRESHOLD = 16;

  private final Map<String, @Nullable Object> members;
  private final JsonObject object;
  private final @Nullable String issuer;
  private final int subjectAt;
  private final int audienceAt;

  /** {@code aud} as a list, made on first use (racy but idempotent: the list is immutable). */
  private @Nullable List<String> audiences;

  private final @Nullable NumericDate expiresAt;
  private final @Nullable NumericDate notBefore;
  private final @Nullable NumericDate issuedAt;
  private final int jwtIdAt;
  private final int authorizedPartyAt;
  private final List<String> scopes;

  private Claims(JsonObject members) {
    this.members = asJsonMap(members);
    this.object = members;
    String iss = null;
    // Where the string claims nobody may read are: they are made into strings only when asked for.
    int sub = -1;
    int jti = -1;
    int azp = -1;
    int aud = -1;
    NumericDate exp = null;
    NumericDate nbf = null;
    NumericDate iat = null;
    @Nullable Object scope = null;
    @Nullable Object scp = null;
    boolean hasScope = false;
    boolean hasScp = false;
    // One pass over the members, dispatching on the registered names.
    for (int i = 0; i < members.size(); i++) {
      // Values are read only for the registered names: other claims stay unread until asked for.
      String name = members.keyAt(i);
      switch (name) {
        case ISSUER:
          iss = string(members.valueAt(i), name);
          break;
        case SUBJECT:
          sub = stringAt(members, i, name);
          break;
        case JWT_ID:
          jti = stringAt(members, i, name);
          break;
        case AUTHORIZED_PARTY:
          azp = stringAt(members, i, name);
          break;
        case AUDIENCE:
          if (!members.isStringOrStrings(i)) {
            throw new InvalidClaimsException(false, name);
          }
          aud = i;
          break;
        case EXPIRATION:
          exp = numericDate(members.valueAt(i), name);
          break;
        case NOT_BEFORE:
          nbf = numericDate(members.valueAt(i), name);
          break;
        case ISSUED_AT:
          iat = numericDate(members.valueAt(i), name);
          break;
        case SCOPE:
          scope = members.valueAt(i);
          hasScope = true;
          break;
        case SCP:
          scp = members.valueAt(i);
          hasScp = true;
          break;
        default:
          break;
      }
    }
    this.issuer = iss;
    this.subjectAt = sub;
    this.audienceAt = aud;
    this.expiresAt = exp;
    this.notBefore = nbf;
    this.issuedAt = iat;
    this.jwtIdAt = jti;
    this.authorizedPartyAt = azp;
    this.scopes =
        scopes(
            hasScope ? stringOrStrings(scope, SCOPE, true) : List.of(),
            hasScp ? stringOrStrings(scp, SCP, true) : List.of());
  }

  /**
   * Claims from a map of JSON values (for tests and for callers that already hold a payload). The
   * map is copied deeply; see the class documentation for the accepted value types.
   *
   * @throws InvalidClaimsException when a registered claim has the wrong type or range, or a value
   *     is not a JSON value
   */
  public static Claims of(Map<String, ?> members) {
    Objects.requireNonNull(members, "members");
    if (members instanceof JsonObject) {
      return new Claims((JsonObject) members);
    }
    JsonObject.Builder copy = new JsonObject.Builder();
    for (Map.Entry<String, ?> member : members.entrySet()) {
      String name = Objects.requireNonNull(member.getKey(), "claim name");
      copy.add(name, copyJson(member.getValue(), name));
    }
    return new Claims(copy.build());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, @Nullable Object> asJsonMap(JsonObject object) {
    return (Map<String, @Nullable Object>) (Map<String, ?>) object;
  }

  private static @Nullable Object copyJson(@Nullable Object value, String claim) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof BigInteger
        || value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (Double.isNaN(number) || Double.isInfinite(number)) {
        throw new InvalidClaimsException(false, claim);
      }
      return new BigDecimal(value.toString());
    }
    if (value instanceof Map) {
      JsonObject.Builder copy = new JsonObject.Builder();
      for (Map.Entry<?, ?> member : ((Map<?, ?>) value).entrySet()) {
        if (!(member.getKey() instanceof String)) {
          throw new InvalidClaimsException(false, claim);
        }
        copy.add((String) member.getKey(), copyJson(member.getValue(), claim));
      }
      return copy.build();
    }
    if (value instanceof List) {
      List<@Nullable Object> copy = new ArrayList<>();
      for (Object item : (List<?>) value) {
        copy.add(copyJson(item, claim));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new InvalidClaimsException(false, claim);
  }

  /** {@code iss} or {@code null}, for the validator's allocation-free checks. */
  @Nullable String issuerOrNull() {
    return issuer;
  }

  /** {@code exp} or {@code null}. */
  @Nullable NumericDate expiresAtOrNull() {
    return expiresAt;
  }

  /** {@code nbf} or {@code null}. */
  @Nullable NumericDate notBeforeOrNull() {
    return notBefore;
  }

  /** {@code iat} or {@code null}. */
  @Nullable NumericDate issuedAtOrNull() {
    return issuedAt;
  }

  /** {@code iss}, if present. */
  public Optional<String> issuer() {
    return Optional.ofNullable(issuer);
  }

  /** {@code sub}, if present. */
  public Optional<String> subject() {
    return Optional.ofNullable(stringAt(subjectAt));
  }

  /** {@code aud} as a list (a single string becomes one element); empty when absent. */
  public List<String> audiences() {
    List<String> list = audiences;
    if (list == null) {
      list =
          audienceAt < 0 ? List.of() : stringOrStrings(object.valueAt(audienceAt), AUDIENCE, false);
      audiences = list;
    }
    return list;
  }

  /** {@code exp}, if present. */
  public Optional<NumericDate> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** {@code nbf}, if present. */
  public Optional<NumericDate> notBefore() {
    return Optional.ofNullable(notBefore);
  }

  /** {@code iat}, if present. */
  public Optional<NumericDate> issuedAt() {
    return Optional.ofNullable(issuedAt);
  }

  /** {@code jti}, if present. */
  public Optional<String> jwtId() {
    return Optional.ofNullable(stringAt(jwtIdAt));
  }

  /** {@code azp}, if present. */
  public Optional<String> authorizedParty() {
    return Optional.ofNullable(stringAt(authorizedPartyAt));
  }

  /**
   * The granted scopes: the union of {@code scope} and {@code scp} (each a space-delimited string
   * or an array of strings), in order of first appearance ({@code scope} first), without duplicates
   * or empty entries. Only the space delimits.
   */
  public List<String> scopes() {
    return scopes;
  }

  /** Whether {@code scope} was granted (exact, case-sensitive). */
  public boolean hasScope(String scope) {
    return scopes.contains(scope);
  }

  /** Whether a top-level claim of this name is present (its value may be JSON null). */
  public boolean contains(String name) {
    return members.containsKey(name);
  }

  /** The value of a top-level claim; empty when absent or JSON null. */
  public Optional<Object> get(String name) {
    return Optional.ofNullable(members.get(name));
  }

  /**
   * The value at a path of member names ({@code ["realm_access", "roles"]} reads {@code
   * realm_access.roles}); empty when any step is absent, null or not an object. Names are taken
   * literally: a dot inside a name is part of it.
   *
   * @throws IllegalArgumentException when {@code path} is empty
   */
  public Optional<Object> get(List<String> path) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("A claim path needs at least one name");
    }
    Object value = members.get(path.get(0));
    for (int i = 1; i < path.size() && value != null; i++) {
      value = value instanceof Map ? ((Map<?, ?>) value).get(path.get(i)) : null;
    }
    return Optional.ofNullable(value);
  }

  /** All claims, in payload order; unmodifiable. */
  public Map<String, @Nullable Object> asMap() {
    return members;
  }

  /** The claim names, in payload order. */
  public Set<String> names() {
    return members.keySet();
  }

  /** For example {@code Claims[iss, sub, exp, scope]}: names only, never values. */
  @Override
  public String toString() {
    return "Claims" + members.keySet();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Claims && ((Claims) other).members.equals(members);
  }

  @Override
  public int hashCode() {
    return members.hashCode();
  }

  private @Nullable String stringAt(int at) {
    return at < 0 ? null : (String) object.valueAt(at);
  }

  /** The index of member {@code i} after checking it is a string, without reading it. */
  private static int stringAt(JsonObject members, int i, String name) {
    if (members.isString(i)) {
      return i;
    }
    throw new InvalidClaimsException(false, name);
  }

  private static String string(@Nullable Object value, String name) {
    if (value instanceof String) {
      return (String) value;
    }
    throw new InvalidClaimsException(false, name);
  }

  private static NumericDate numericDate(@Nullable Object value, String name) {
    if (!(value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal)) {
      throw new InvalidClaimsException(false, name);
    }
    try {
      return NumericDate.of((Number) value);
    } catch (IllegalArgumentException e) {
      throw new InvalidClaimsException(true, name);
    }
  }

  /** A string (split on spaces when {@code split}) or an array of strings, as a list. */
  private static List<String> stringOrStrings(@Nullable Object value, String name, boolean split) {
    if (value instanceof String) {
      return split ? splitOnSpaces((String) value) : List.of((String) value);
    }
    if (value instanceof List) {
      List<?> items = (List<?>) value;
      for (Object item : items) {
        if (!(item instanceof String)) {
          throw new InvalidClaimsException(false, name);
        }
      }
      @SuppressWarnings("unchecked")
      List<String> strings = (List<String>) items;
      return strings;
    }
    throw new InvalidClaimsException(false, name);
  }

  private static List<String> splitOnSpaces(String value) {
    // Two passes of String.indexOf (vectorised in the JDK): count the scopes, then mark them.
    int count = 0;
    for (int start = 0, end; start < value.length(); start = end + 1) {
      end = value.indexOf(' ', start);
      if (end < 0) {
        end = value.length();
      }
      if (end > start) {
        count++;
      }
    }
    if (count == 0) {
      return List.of();
    }
    int[] bounds = new int[2 * count];
    int k = 0;
    for (int start = 0, end; start < value.length(); start = end + 1) {
      end = value.indexOf(' ', start);
      if (end < 0) {
        end = value.length();
      }
      if (end > start) {
        bounds[k++] = start;
        bounds[k++] = end;
      }
    }
    return new SpaceDelimited(value, bounds);
  }

  /**
   * The scopes of one space-delimited string: compared in place, each {@link String} made only when
   * read (and then kept, in a racy but idempotent way). Unmodifiable.
   */
  private static final class SpaceDelimited extends AbstractList<String> implements RandomAccess {
    private final String value;
    private final int[] bounds;
    private final @Nullable String[] made;

    SpaceDelimited(String value, int[] bounds) {
      this.value = value;
      this.bounds = bounds;
      this.made = new String[bounds.length / 2];
    }

    @Override
    public String get(int index) {
      String scope = made[index];
      if (scope == null) {
        scope = value.substring(bounds[2 * index], bounds[2 * index + 1]);
        made[index] = scope;
      }
      return scope;
    }

    @Override
    public int size() {
      return made.length;
    }

    @Override
    public boolean contains(@Nullable Object other) {
      return other instanceof String && indexOf(other) >= 0;
    }

    @Override
    public int indexOf(@Nullable Object other) {
      if (!(other instanceof String)) {
        return -1;
      }
      String scope = (String) other;
      for (int i = 0; i < made.length; i++) {
        if (regionEquals(i, scope)) {
          return i;
        }
      }
      return -1;
    }

    private boolean regionEquals(int i, String scope) {
      int start = bounds[2 * i];
      return bounds[2 * i + 1] - start == scope.length()
          && value.regionMatches(start, scope, 0, scope.length());
    }

    /** Whether no scope repeats (compared in place); none is empty by construction. */
    boolean isUnique() {
      if (made.length > SCOPE_HASH_THRESHOLD) {
        return false;
      }
      for (int i = 1; i < made.length; i++) {
        int length = bounds[2 * i + 1] - bounds[2 * i];
        for (int j = 0; j < i; j++) {
          if (bounds[2 * j + 1] - bounds[2 * j] == length
              && value.regionMatches(bounds[2 * i], value, bounds[2 * j], length)) {
            return false;
          }
        }
      }
      return true;
    }
  }

  private static List<String> scopes(List<String> scope, List<String> scp) {
    if (scp.isEmpty() && scope instanceof SpaceDelimited && ((SpaceDelimited) scope).isUnique()) {
      return scope;
    }
    if (scp.isEmpty() && isUniqueAndNonEmpty(scope)) {
      return scope.isEmpty() ? List.of() : Collections.unmodifiableList(scope);
    }
    List<String> union = new ArrayList<>(scope.size() + scp.size());
    Set<String> seen = scope.size() + scp.size() > SCOPE_HASH_THRESHOLD ? new HashSet<>() : null;
    addScopes(union, seen, scope);
    addScopes(union, seen, scp);
    return Collections.unmodifiableList(union);
  }

  /** The common case, checked without allocating: one claim's scopes, none empty or repeated. */
  private static boolean isUniqueAndNonEmpty(List<String> scopes) {
    int size = scopes.size();
    if (size > SCOPE_HASH_THRESHOLD) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      String scope = scopes.get(i);
      if (scope.isEmpty()) {
        return false;
      }
      for (int j = 0; j < i; j++) {
        if (scopes.get(j).equals(scope)) {
          return false;
        }
      }
    }
    return true;
  }

  private static void addScopes(List<String> union, @Nullable Set<String> seen, List<String> add) {
    for (String scope : add) {
      if (scope.isEmpty()) {
        continue;
      }
      boolean isNew = seen != null ? seen.add(scope) : !union.contains(scope);
      if (isNew) {
        union.add(scope);
      }
    }
  }
}
