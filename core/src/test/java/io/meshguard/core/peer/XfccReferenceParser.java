package io.meshguard.core.peer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The XFCC parser as it was before its one-pass {@code parseLast} (kept as the reference that
 * {@link XfccParserTests} compares the current parser with on generated headers).
 *
 * <p>Parses {@code x-forwarded-client-cert} headers per Envoy's grammar.
 *
 * <p>A header is a list of elements separated by {@code ,} (one element per proxy hop; several
 * header lines are joined with {@code ,}); an element is {@code key=value} pairs separated by
 * {@code ;}. A value is either raw (no {@code , ; = "} {@code \} or whitespace) or double-quoted,
 * where {@code \} escapes the next character; a quoted {@code Subject} routinely contains commas
 * ({@code Subject="CN=hello,O=Acme\, Inc."}). Optional whitespace is allowed around the {@code ,}
 * between elements. An empty element or pair, a pair without {@code =}, an empty key, a stray quote
 * or backslash, and an unterminated quote make the whole header malformed.
 *
 * <p>Stateless and thread-safe; parsing is one bounded left-to-right pass.
 *
 * @see <a
 *     href="https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_conn_man/headers#x-forwarded-client-cert">Envoy
 *     x-forwarded-client-cert</a>
 * @since 0.1.0
 */
final class XfccReferenceParser {

  static final String EMPTY_ELEMENT = XfccParser.EMPTY_ELEMENT;
  static final String EMPTY_PAIR = XfccParser.EMPTY_PAIR;
  static final String MISSING_EQUALS = XfccParser.MISSING_EQUALS;
  static final String BAD_KEY = XfccParser.BAD_KEY;
  static final String UNTERMINATED_QUOTE = XfccParser.UNTERMINATED_QUOTE;
  static final String BAD_VALUE_CHAR = XfccParser.BAD_VALUE_CHAR;
  static final String JUNK_AFTER_QUOTE = XfccParser.JUNK_AFTER_QUOTE;

  private XfccReferenceParser() {}

  /**
   * Parses one header value into its elements.
   *
   * @throws XfccFormatException when the header does not follow the grammar
   */
  static List<XfccElement> parse(String header) {
    Objects.requireNonNull(header, "header");
    List<XfccElement> elements = new ArrayList<>(2);
    new Cursor(header).parseAll(elements);
    return List.copyOf(elements);
  }

  /**
   * Parses all lines of the header, in order, as one comma-joined list.
   *
   * @throws XfccFormatException when the joined header does not follow the grammar or there are no
   *     lines
   */
  static List<XfccElement> parse(List<String> lines) {
    return parse(join(lines));
  }

  /**
   * Checks the whole header and returns its last element: the one the local sidecar appended, and
   * so the only one to trust. Builds no element but the last.
   *
   * @throws XfccFormatException when the joined header does not follow the grammar or there are no
   *     lines
   */
  static XfccElement parseLast(List<String> lines) {
    String header = join(lines);
    Cursor cursor = new Cursor(header);
    int lastStart = cursor.parseAll(null);
    return Objects.requireNonNull(new Cursor(header, lastStart).element(true));
  }

  private static String join(List<String> lines) {
    if (lines.isEmpty()) {
      throw new XfccFormatException(EMPTY_ELEMENT, 0);
    }
    return lines.size() == 1 ? lines.get(0) : String.join(",", lines);
  }

  private static final class Cursor {
    private final String text;
    private int pos;

    Cursor(String text) {
      this(text, 0);
    }

    Cursor(String text, int pos) {
      this.text = text;
      this.pos = pos;
    }

    /** Parses every element (adding them when {@code into} is given); returns the last's start. */
    int parseAll(@Nullable List<XfccElement> into) {
      int lastStart;
      while (true) {
        skipWhitespace();
        lastStart = pos;
        XfccElement element = element(into != null);
        if (into != null && element != null) {
          into.add(element);
        }
        skipWhitespace();
        if (pos == text.length()) {
          return lastStart;
        }
        // element() stops only at the end or at a comma.
        pos++;
      }
    }

    /** Parses one element, stopping at the end, at a comma, or at whitespace before a comma. */
    @Nullable XfccElement element(boolean build) {
      if (atElementEnd()) {
        throw new XfccFormatException(EMPTY_ELEMENT, pos);
      }
      XfccElement.Builder builder = build ? new XfccElement.Builder() : null;
      while (true) {
        int keyStart = pos;
        while (pos < text.length() && text.charAt(pos) != '=') {
          char c = text.charAt(pos);
          if (c == ';' || c == ',' || c == '"') {
            break;
          }
          pos++;
        }
        if (pos == keyStart) {
          throw new XfccFormatException(
              pos < text.length() && text.charAt(pos) == '=' ? BAD_KEY : EMPTY_PAIR, pos);
        }
        if (pos == text.length() || text.charAt(pos) != '=') {
          throw new XfccFormatException(MISSING_EQUALS, pos);
        }
        if (!XfccElement.isKey(text, keyStart, pos)) {
          throw new XfccFormatException(BAD_KEY, keyStart);
        }
        int keyEnd = pos;
        pos++;
        String value = text.length() > pos && text.charAt(pos) == '"' ? quoted(build) : raw(build);
        if (builder != null) {
          builder.add(text, keyStart, keyEnd, value);
        }
        if (pos < text.length() && text.charAt(pos) == ';') {
          pos++;
          if (atElementEnd() || text.charAt(pos) == ';') {
            throw new XfccFormatException(EMPTY_PAIR, pos);
          }
          continue;
        }
        if (!atElementEnd()) {
          throw new XfccFormatException(JUNK_AFTER_QUOTE, pos);
        }
        return builder != null ? builder.build() : null;
      }
    }

    private String raw(boolean build) {
      int start = pos;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == ';' || c == ',' || c == ' ' || c == '\t') {
          break;
        }
        if (c == '=' || c == '"' || c == '\\' || c < 0x20 || c == 0x7F) {
          throw new XfccFormatException(BAD_VALUE_CHAR, pos);
        }
        pos++;
      }
      return build ? text.substring(start, pos) : "";
    }

    private String quoted(boolean build) {
      pos++; // opening quote
      @Nullable StringBuilder value = null;
      int runStart = pos;
      while (true) {
        if (pos >= text.length()) {
          throw new XfccFormatException(UNTERMINATED_QUOTE, pos);
        }
        char c = text.charAt(pos);
        if (c == '"') {
          String result;
          if (!build) {
            result = "";
          } else if (value == null) {
            result = text.substring(runStart, pos);
          } else {
            result = value.append(text, runStart, pos).toString();
          }
          pos++;
          return result;
        }
        if (c == '\\') {
          if (pos + 1 >= text.length()) {
            throw new XfccFormatException(UNTERMINATED_QUOTE, pos);
          }
          if (build) {
            if (value == null) {
              value = new StringBuilder();
            }
            value.append(text, runStart, pos).append(text.charAt(pos + 1));
          }
          pos += 2;
          runStart = pos;
          continue;
        }
        pos++;
      }
    }

    /** At the end, at a comma, or at whitespace that runs to a comma or the end. */
    private boolean atElementEnd() {
      int i = pos;
      while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
        i++;
      }
      return i == text.length() || text.charAt(i) == ',';
    }

    private void skipWhitespace() {
      while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
        pos++;
      }
    }
  }
}
