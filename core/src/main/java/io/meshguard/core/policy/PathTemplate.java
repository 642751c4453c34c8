package io.meshguard.core.policy;

import io.meshguard.core.policy.Matchers.ValueMatch;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@code paths} value with {@code {*}} or {@code {**}}, checked as Istio checks it and matched as
 * Envoy's {@code uri_template} matches the template Istio generates from it.
 *
 * <p>Istio (pkg/config/security/security.go {@code CheckValidPathTemplate}, {@code IsValidLiteral})
 * refuses an operator after {@code {**}}, a brace beyond {@code {*}}/{@code {**}}, and, in a
 * template, a segment that is not RFC 3986 pchar. Istio then writes {@code {*}} as {@code *} and
 * {@code {**}} as {@code **} (pilot/pkg/security/authz/matcher/template.go), and Envoy compiles
 * that (source/extensions/path/uri_template_lib/uri_template_internal.cc, {@code toRegexPattern})
 * to {@code "/" + segments joined by "/"}, with {@code *} as {@code [pchar]+} and {@code **} as
 * {@code [pchar/]*}, pchar there lacking {@code *} and {@code =}; the regex must match the whole
 * path without its query. Envoy also refuses what Istio lets through: {@code =} in a segment, an
 * empty segment other than a single trailing {@code /}, and a template over 256 characters
 * (uri_template_match.proto). Those fail the load here, since the sidecar would reject the
 * configuration.
 *
 * <p>No regex is used: a segment before {@code {**}} cannot hold {@code /}, so it is read up to the
 * next {@code /}; after {@code {**}} only literal segments may follow, so the path must end with
 * them, and what lies between is checked character by character. Matching is linear in the path.
 */
final class PathTemplate implements ValueMatch {

  static final String ONE = "{*}";
  static final String ANY = "{**}";

  static final String OPERATOR_AFTER_ANY =
      "a path template may not have {*} or {**} after {**} (Istio refuses it)";
  static final String BRACES = "a path template segment is {*} or {**}";
  static final String LITERAL =
      "a path template's other segments may hold only letters, digits and - . _ ~ % ! $ & ' ( ) +"
          + " , ; : @ (RFC 3986 pchar), and may not be empty (Istio refuses others)";
  static final String EQUALS =
      "Envoy refuses '=' in a path template (Istio accepts it, then the sidecar rejects the"
          + " configuration)";
  static final String EMPTY =
      "Envoy refuses empty segments in a path template, but for a single trailing '/' (Istio"
          + " accepts them, then the sidecar rejects the configuration)";
  static final String TOO_LONG =
      "Envoy refuses a path template longer than 256 characters, {*} counted as * and {**} as **"
          + " (the sidecar would reject the configuration)";

  private static final int MAX_LENGTH = 256;

  /** Envoy's {@code kLiteral}: RFC 3986 pchar without {@code *} and {@code =}. */
  private static final boolean[] PCHAR = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      PCHAR[c] = true;
      PCHAR[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      PCHAR[c] = true;
    }
    for (char c : "-._~%!$&'()+,;:@".toCharArray()) {
      PCHAR[c] = true;
    }
  }

  /** Segments before {@code {**}} (all of them without one): {@link #ONE} or a literal. */
  private final List<String> head;

  private final boolean any;

  /** What must follow {@code {**}}: {@code "/" + literal} for each literal segment after it. */
  private final String tail;

  private PathTemplate(List<String> head, boolean any, String tail) {
    this.head = List.copyOf(head);
    this.any = any;
    this.tail = tail;
  }

  /** Whether Istio treats the value as a template ({@code ContainsPathTemplate}). */
  static boolean isTemplate(String value) {
    return value.contains(ONE) || value.contains(ANY);
  }

  /**
   * Checks a {@code paths} value that holds a brace as Istio and Envoy do.
   *
   * @return the template, or {@code null} when the value is no template and passes
   * @throws IllegalArgumentException with one of the reasons above
   */
  static @Nullable PathTemplate check(String value) {
    boolean template = isTemplate(value);
    boolean seenAny = false;
    for (String glob : trimSlashes(value).split("/", -1)) {
      boolean operator = glob.equals(ONE) || glob.equals(ANY);
      if (operator && seenAny) {
        throw new IllegalArgumentException(OPERATOR_AFTER_ANY);
      }
      if (operator) {
        seenAny = glob.equals(ANY);
        continue;
      }
      if (glob.indexOf('{') >= 0 || glob.indexOf('}') >= 0) {
        throw new IllegalArgumentException(BRACES);
      }
      if (template && !isIstioLiteral(glob)) {
        throw new IllegalArgumentException(LITERAL);
      }
    }
    if (!template) {
      return null;
    }
    // Istio's checks passed; now what Envoy's parser refuses.
    String[] segments = value.substring(1).split("/", -1);
    List<String> head = new ArrayList<>();
    StringBuilder tail = new StringBuilder();
    boolean any = false;
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      if (segment.isEmpty() && (i == 0 || i != segments.length - 1)) {
        throw new IllegalArgumentException(EMPTY);
      }
      if (segment.indexOf('=') >= 0) {
        throw new IllegalArgumentException(EQUALS);
      }
      if (segment.equals(ANY)) {
        any = true;
      } else if (any) {
        tail.append('/').append(segment);
      } else {
        head.add(segment);
      }
    }
    if (value.replace(ANY, "**").replace(ONE, "*").length() > MAX_LENGTH) {
      throw new IllegalArgumentException(TOO_LONG);
    }
    return new PathTemplate(head, any, tail.toString());
  }

  /** Istio's {@code validLiteral}: {@code ^[a-zA-Z0-9-._~%!$&'()+,;:@=]+$}. */
  private static boolean isIstioLiteral(String glob) {
    if (glob.isEmpty()) {
      return false;
    }
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c != '=' && !isPchar(c)) {
        return false;
      }
    }
    return true;
  }

  /** Go's {@code strings.Trim(path, "/")}. */
  private static String trimSlashes(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && value.charAt(start) == '/') {
      start++;
    }
    while (end > start && value.charAt(end - 1) == '/') {
      end--;
    }
    return value.substring(start, end);
  }

  private static boolean isPchar(char c) {
    return c < 128 && PCHAR[c];
  }

  /** Whether {@code path[from, to)} is all pchar, or pchar and {@code /} when {@code slash}. */
  private static boolean allPchar(String path, int from, int to, boolean slash) {
    for (int i = from; i < to; i++) {
      char c = path.charAt(i);
      if (!isPchar(c) && !(slash && c == '/')) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean matches(@Nullable String path) {
    if (path == null || path.isEmpty() || path.charAt(0) != '/') {
      return false;
    }
    int pos = 1;
    for (int i = 0; i < head.size(); i++) {
      String segment = head.get(i);
      int end = path.indexOf('/', pos);
      if (end < 0) {
        end = path.length();
      }
      boolean matched =
          segment.equals(ONE)
              ? end > pos && allPchar(path, pos, end, false)
              : end - pos == segment.length() && path.startsWith(segment, pos);
      if (!matched) {
        return false;
      }
      if (!any && i == head.size() - 1) {
        return end == path.length();
      }
      if (end == path.length()) {
        return false;
      }
      pos = end + 1;
    }
    // "/" + head joined by "/" + "/" (consumed above), then [pchar/]* and the tail
    int middleEnd = path.length() - tail.length();
    return middleEnd >= pos
        && path.startsWith(tail, middleEnd)
        && allPchar(path, pos, middleEnd, true);
  }
}
