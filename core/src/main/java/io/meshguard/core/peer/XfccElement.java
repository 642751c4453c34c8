package io.meshguard.core.peer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One element of an {@code x-forwarded-client-cert} header: the {@code key=value} pairs one proxy
 * added about the client certificate it saw. Keys are case-insensitive (Envoy documents {@code By},
 * {@code Hash}, {@code Cert}, {@code Chain}, {@code Subject}, {@code URI} and {@code DNS}); values
 * are case-sensitive and already unquoted and unescaped. A key may repeat ({@code DNS}, and {@code
 * URI} for a certificate with several URI SANs). Immutable.
 *
 * @see <a
 *     href="https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_conn_man/headers#x-forwarded-client-cert">Envoy
 *     x-forwarded-client-cert</a>
 * @since 0.1.0
 */
public final class XfccElement {

  /**
   * {@code By}: the URI SAN of the proxy that added the element (this workload, for the last one).
   */
  public static final String BY = "By";

  /** {@code Hash}: SHA-256 of the client certificate, lower-case hex. */
  public static final String HASH = "Hash";

  /** {@code Cert}: the URL-encoded PEM client certificate. */
  public static final String CERT = "Cert";

  /** {@code Chain}: the URL-encoded PEM client certificate chain. */
  public static final String CHAIN = "Chain";

  /** {@code Subject}: the client certificate's subject. */
  public static final String SUBJECT = "Subject";

  /** {@code URI}: a URI SAN of the client certificate (its SPIFFE ID in a mesh). */
  public static final String URI = "URI";

  /** {@code DNS}: a DNS SAN of the client certificate. */
  public static final String DNS = "DNS";

  private static final String[] KNOWN = {BY, HASH, CERT, CHAIN, SUBJECT, URI, DNS};

  private final List<String> keys;
  private final List<String> values;

  private XfccElement(List<String> keys, List<String> values) {
    this.keys = keys;
    this.values = values;
  }

  /**
   * An element of the given pairs, alternating keys and values ({@code "By", "spiffe://a", "URI",
   * "spiffe://b"}).
   *
   * @throws IllegalArgumentException for an odd count, an empty key, or a key with characters other
   *     than letters, digits, {@code -}, {@code _} and {@code .}
   */
  public static XfccElement of(String... keysAndValues) {
    if (keysAndValues.length == 0 || keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("An XFCC element needs one or more key-value pairs");
    }
    Builder builder = new Builder();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      String key = Objects.requireNonNull(keysAndValues[i], "key");
      if (key.isEmpty() || !isKey(key, 0, key.length())) {
        throw new IllegalArgumentException("An XFCC key must be a non-empty token");
      }
      builder.add(key, 0, key.length(), Objects.requireNonNull(keysAndValues[i + 1], "value"));
    }
    return builder.build();
  }

  static boolean isKey(CharSequence text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.')) {
        return false;
      }
    }
    return true;
  }

  /** All values of {@code key} (case-insensitive), in order; empty when the key is absent. */
  public List<String> values(String key) {
    List<String> found = null;
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).equalsIgnoreCase(key)) {
        if (found == null) {
          found = new ArrayList<>(2);
        }
        found.add(values.get(i));
      }
    }
    return found == null ? List.of() : List.copyOf(found);
  }

  /** The value of {@code key} when it occurs exactly once; empty when absent or repeated. */
  public Optional<String> single(String key) {
    return Optional.ofNullable(singleOrNull(key));
  }

  @Nullable String singleOrNull(String key) {
    String found = null;
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).equalsIgnoreCase(key)) {
        if (found != null) {
          return null;
        }
        found = values.get(i);
      }
    }
    return found;
  }

  /** How many times {@code key} occurs (case-insensitive). */
  public int count(String key) {
    int count = 0;
    for (String k : keys) {
      if (k.equalsIgnoreCase(key)) {
        count++;
      }
    }
    return count;
  }

  /** The keys in order, in canonical case (Envoy's for known keys, lower case for others). */
  public List<String> keys() {
    return keys;
  }

  /** The {@code By} values. */
  public List<String> by() {
    return values(BY);
  }

  /** The {@code URI} values. */
  public List<String> uris() {
    return values(URI);
  }

  /** The {@code DNS} values. */
  public List<String> dns() {
    return values(DNS);
  }

  /** The single {@code Hash} value. */
  public Optional<String> hash() {
    return single(HASH);
  }

  /** The single {@code Subject} value. */
  public Optional<String> subject() {
    return single(SUBJECT);
  }

  /** Elements are equal when they hold the same pairs in the same order (keys compared folded). */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof XfccElement
        && ((XfccElement) other).keys.equals(keys)
        && ((XfccElement) other).values.equals(values);
  }

  @Override
  public int hashCode() {
    return keys.hashCode() * 31 + values.hashCode();
  }

  /**
   * The element in XFCC form; values with {@code , ; = "} or {@code \}, whitespace, or nothing at
   * all are quoted with {@code \} escapes, so {@link XfccParser#parse(String)} reads it back equal.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        out.append(';');
      }
      out.append(keys.get(i)).append('=');
      String value = values.get(i);
      if (needsQuotes(value)) {
        out.append('"');
        for (int j = 0; j < value.length(); j++) {
          char c = value.charAt(j);
          if (c == '"' || c == '\\') {
            out.append('\\');
          }
          out.append(c);
        }
        out.append('"');
      } else {
        out.append(value);
      }
    }
    return out.toString();
  }

  private static boolean needsQuotes(String value) {
    if (value.isEmpty()) {
      return true;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == ';' || c == '=' || c == '"' || c == '\\' || c <= ' ') {
        return true;
      }
    }
    return false;
  }

  /** Collects pairs; canonicalises known keys without allocating. */
  static final class Builder {
    private final List<String> keys = new ArrayList<>(6);
    private final List<String> values = new ArrayList<>(6);

    void add(CharSequence source, int keyStart, int keyEnd, String value) {
      keys.add(canonicalKey(source, keyStart, keyEnd));
      values.add(value);
    }

    XfccElement build() {
      return new XfccElement(List.copyOf(keys), List.copyOf(values));
    }

    private static String canonicalKey(CharSequence source, int start, int end) {
      int length = end - start;
      for (String known : KNOWN) {
        if (known.length() == length && regionMatchesIgnoreCase(source, start, known)) {
          return known;
        }
      }
      return source.subSequence(start, end).toString().toLowerCase(Locale.ROOT);
    }

    private static boolean regionMatchesIgnoreCase(CharSequence source, int start, String known) {
      for (int i = 0; i < known.length(); i++) {
        char a = source.charAt(start + i);
        char b = known.charAt(i);
        if (a != b && Character.toLowerCase(a) != Character.toLowerCase(b)) {
          return false;
        }
      }
      return true;
    }
  }
}
