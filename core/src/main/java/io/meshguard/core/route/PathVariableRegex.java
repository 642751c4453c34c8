package io.meshguard.core.route;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Whether the regular expression of a path variable ({@code [0-9]+} in the JAX-RS template {@code
 * /orders/{id: [0-9]+}/items}) can match {@code /}, and so a request path of more than one segment.
 * A {@link PathPattern} variable matches exactly one segment; a template variable whose expression
 * can match {@code /} matches more, so the framework and a route table built from the template
 * would route some requests differently. The expression is read as {@link java.util.regex.Pattern}
 * reads it, as JAX-RS implementations do (Jakarta RESTful Web Services 3.1, section 3.7.3,
 * "Converting URI Templates to Regular Expressions").
 *
 * <p>The answer is decided by what the expression can match, not by how it is written: every
 * character class, escape and literal character is compiled on its own and tried against {@code /},
 * so {@code [!-0]}, {@code \x2F}, {@code \057}, {@code \p{Punct}} and {@code \p{ASCII}} are all
 * found to match it, while {@code [^/]+}, {@code \d+} and {@code [+-.]} are not. The check
 * <em>fails closed</em>: an expression it cannot prove never matches {@code /} counts as one that
 * can. That covers lookaround ({@code (?=}, {@code (?!}, {@code (?<=}, {@code (?<!}),
 * backreferences ({@code \1}, {@code \k<name>}), inline flags ({@code (?i)}, {@code (?s:...)}), a
 * {@code \Q...\E} quotation containing {@code /}, POSIX bracket syntax such as {@code [[:punct:]]}
 * (which {@code java.util.regex} reads as a set of letters, not as the class that was probably
 * meant), and text that is not a valid expression. {@link #reason()} names the construct that
 * decided.
 *
 * <p>Immutable and thread-safe. Equality is by the expression's text.
 *
 * @since 0.1.0
 */
public final class PathVariableRegex {

  private static final String SLASH = "/";

  /** The reason format for a construct that matches {@code /}. */
  private static final String MATCHES_SLASH = "'%s' matches '/'";

  private static final String QUOTED_SLASH = "a \\Q...\\E quotation contains '/'";
  private static final String LOOKAROUND = "meshguard cannot check lookaround '%s'";
  private static final String BACKREFERENCE = "meshguard cannot check backreference '%s'";
  private static final String INLINE_FLAGS = "meshguard cannot check inline flags '%s'";
  private static final String POSIX =
      "'%s' is POSIX syntax, which java.util.regex reads as the characters between the brackets;"
          + " meshguard cannot tell what was meant";
  private static final String NOT_A_REGEX = "it is not a java.util.regex expression";
  private static final String CANNOT_CHECK = "meshguard cannot check '%s'";

  /** {@code [:name:]}, {@code [=x=]} or {@code [.x.]} inside a character class. */
  private static final Pattern POSIX_BRACKET = Pattern.compile("\\[([:=.])[^\\[\\]]*\\1]");

  private static final Pattern QUANTIFIER = Pattern.compile("\\{\\d+(?:,\\d*)?}");

  private final String regex;
  private final @Nullable String reason;

  private PathVariableRegex(String regex, @Nullable String reason) {
    this.regex = regex;
    this.reason = reason;
  }

  /**
   * Checks {@code regex}.
   *
   * @param regex a path variable's expression, without the variable's name and colon
   * @throws NullPointerException when {@code regex} is null
   */
  public static PathVariableRegex of(String regex) {
    Objects.requireNonNull(regex, "regex");
    return new PathVariableRegex(regex, slashReason(regex));
  }

  /**
   * Whether {@code regex} may match {@code /}: {@code of(regex).canMatchSlash()}.
   *
   * @throws NullPointerException when {@code regex} is null
   */
  public static boolean canMatchSlash(String regex) {
    return of(regex).canMatchSlash();
  }

  /** The expression as given. */
  public String regex() {
    return regex;
  }

  /**
   * Whether the expression may match {@code /}: true unless meshguard proved it never does, so also
   * true for an expression meshguard cannot check.
   */
  public boolean canMatchSlash() {
    return reason != null;
  }

  /**
   * Why {@link #canMatchSlash()} is true, naming the first construct, from the left, that matches
   * {@code /} or that meshguard cannot check (such as {@code '[!-0]' matches '/'}); empty when it
   * is false.
   */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof PathVariableRegex && ((PathVariableRegex) other).regex.equals(regex);
  }

  @Override
  public int hashCode() {
    return regex.hashCode();
  }

  /** The expression as given. */
  @Override
  public String toString() {
    return regex;
  }

  /** Why {@code regex} may match '/', or null when it never does. */
  private static @Nullable String slashReason(String regex) {
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      return NOT_A_REGEX;
    }
    String text = unquote(regex);
    if (text == null) {
      return QUOTED_SLASH;
    }
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int end;
      switch (c) {
        case '\\':
          end = escapeEnd(text, i);
          char kind = text.charAt(i + 1);
          if (end > 0 && ((kind >= '1' && kind <= '9') || kind == 'k')) {
            return String.format(BACKREFERENCE, text.substring(i, end));
          }
          break;
        case '[':
          end = classEnd(text, i);
          if (end < 0) {
            return String.format(CANNOT_CHECK, text.substring(i));
          }
          Matcher posix = POSIX_BRACKET.matcher(text).region(i, end);
          if (posix.find()) {
            return String.format(POSIX, posix.group());
          }
          break;
        case '(':
          String group = groupProblem(text, i);
          if (group != null) {
            return group;
          }
          i += text.startsWith("(?", i) ? groupOpenerLength(text, i) : 1;
          continue;
        case '{':
          end = text.indexOf('}', i) + 1;
          if (end == 0 || !QUANTIFIER.matcher(text).region(i, end).matches()) {
            return String.format(CANNOT_CHECK, text.substring(i));
          }
          i = end;
          continue;
        case ')':
        case '|':
        case '*':
        case '+':
        case '?':
        case '^':
        case '$':
          i++;
          continue;
        default:
          end = i + Character.charCount(text.codePointAt(i));
      }
      if (end < 0 || end > text.length()) {
        return String.format(CANNOT_CHECK, text.substring(i));
      }
      String atom = text.substring(i, end);
      try {
        if (Pattern.compile(atom).matcher(SLASH).matches()) {
          return String.format(MATCHES_SLASH, atom);
        }
      } catch (RuntimeException e) {
        // A syntax error alone, or Pattern's own failure to match it (some intersections throw).
        return String.format(CANNOT_CHECK, atom);
      }
      i = end;
    }
    return null;
  }

  /**
   * {@code regex} with each {@code \Q...\E} quotation replaced by one {@code \x{...}} escape per
   * quoted character, as {@link Pattern} itself removes quotations before parsing (so a quotation
   * may even sit inside a character class); null when a quotation contains '/'.
   */
  private static @Nullable String unquote(String regex) {
    StringBuilder out = new StringBuilder(regex.length());
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c != '\\' || i + 1 == regex.length()) {
        out.append(c);
        i++;
      } else if (regex.charAt(i + 1) != 'Q') {
        out.append(c).append(regex.charAt(i + 1));
        i += 2;
      } else {
        // Inside a quotation a backslash is literal; the first \E ends it, else the text does.
        int end = regex.indexOf("\\E", i + 2);
        String quoted = end < 0 ? regex.substring(i + 2) : regex.substring(i + 2, end);
        if (quoted.contains(SLASH)) {
          return null;
        }
        quoted
            .codePoints()
            .forEach(cp -> out.append("\\x{").append(Integer.toHexString(cp)).append('}'));
        i = end < 0 ? regex.length() : end + 2;
      }
    }
    return out.toString();
  }

  /** The end of the escape at {@code start}, or -1; the whole text is a valid expression. */
  private static int escapeEnd(String text, int start) {
    int i = start + 1;
    char kind = text.charAt(i);
    switch (kind) {
      case '0':
        // \0n, \0nn, \0mnn (m <= 3), as Pattern reads octal escapes.
        int digits = 0;
        int limit = i + 1 < text.length() && text.charAt(i + 1) <= '3' ? 3 : 2;
        while (digits < limit
            && i + 1 + digits < text.length()
            && isOctal(text.charAt(i + 1 + digits))) {
          digits++;
        }
        return i + 1 + digits;
      case 'x':
        return text.startsWith("{", i + 1) ? closing(text, i + 1, '}') : i + 3;
      case 'u':
        return i + 5;
      case 'c':
        return i + 2;
      case 'p':
      case 'P':
        return text.startsWith("{", i + 1) ? closing(text, i + 1, '}') : i + 2;
      case 'N':
        return closing(text, i + 1, '}');
      case 'b':
        return text.startsWith("{", i + 1) ? closing(text, i + 1, '}') : i + 1;
      case 'k':
        return text.startsWith("<", i + 1) ? closing(text, i + 1, '>') : i + 1;
      default:
        if (kind >= '1' && kind <= '9') {
          int end = i + 1;
          while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
          }
          return end;
        }
        return i + Character.charCount(text.codePointAt(i));
    }
  }

  private static boolean isOctal(char c) {
    return c >= '0' && c <= '7';
  }

  /** The index after the first {@code close} at or after {@code from}, or -1. */
  private static int closing(String text, int from, char close) {
    int at = text.indexOf(close, from);
    return at < 0 ? -1 : at + 1;
  }

  /**
   * The end of the character class at {@code start}, or -1. Which {@code ]} closes a class depends
   * on Pattern's own rules ({@code []a]} holds {@code ]}; nested classes and {@code &&} have their
   * own), so Pattern decides: the class ends at the first {@code ]} up to which the text compiles
   * on its own. An earlier {@code ]} that Pattern reads as part of the class leaves it unclosed
   * there.
   */
  private static int classEnd(String text, int start) {
    for (int at = text.indexOf(']', start + 1); at >= 0; at = text.indexOf(']', at + 1)) {
      try {
        Pattern.compile(text.substring(start, at + 1));
        return at + 1;
      } catch (PatternSyntaxException unclosed) {
        // not this one
      }
    }
    return -1;
  }

  /** Why the group opening at {@code start} cannot be checked, or null. */
  private static @Nullable String groupProblem(String text, int start) {
    for (String lookaround : new String[] {"(?=", "(?!", "(?<=", "(?<!"}) {
      if (text.startsWith(lookaround, start)) {
        return String.format(LOOKAROUND, lookaround);
      }
    }
    if (!text.startsWith("(?", start)
        || text.startsWith("(?:", start)
        || text.startsWith("(?>", start)
        || text.startsWith("(?<", start)) {
      return null;
    }
    int end = start + 2;
    while (end < text.length() && text.charAt(end) != ')' && text.charAt(end) != ':') {
      end++;
    }
    return String.format(INLINE_FLAGS, text.substring(start, Math.min(end + 1, text.length())));
  }

  /** The length of a checked {@code (?...} opener: {@code (?:}, {@code (?>} or {@code (?<name>}. */
  private static int groupOpenerLength(String text, int start) {
    return text.startsWith("(?<", start) ? text.indexOf('>', start) + 1 - start : 3;
  }
}
