package io.meshguard.core.peer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Parses {@code x-forwarded-client-cert} headers per Envoy's grammar.
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
final class XfccParser {

  static final String EMPTY_ELEMENT = "Empty XFCC element";
  static final String EMPTY_PAIR = "Empty XFCC pair";
  static final String MISSING_EQUALS = "XFCC pair without '='";
  static final String BAD_KEY = "Invalid XFCC key";
  static final String UNTERMINATED_QUOTE = "Unterminated quote in XFCC value";
  static final String BAD_VALUE_CHAR = "Invalid character in unquoted XFCC value";
  static final String JUNK_AFTER_QUOTE = "Unexpected character after quoted XFCC value";

  private XfccParser() {}

  /** The characters that end or break an unquoted value; everything else from 0x80 is fine. */
  private static final boolean[] RAW_STOP = new boolean[128];

  /** The characters of a key: letters, digits, {@code -}, {@code _} and {@code .}. */
  private static final boolean[] KEY_CHAR = new boolean[128];

  static {
    for (char c = 0; c < 0x20; c++) {
      RAW_STOP[c] = true;
    }
    for (char c : new char[] {';', ',', ' ', '\t', '=', '"', '\\', 0x7F}) {
      RAW_STOP[c] = true;
    }
    for (char c = 0; c < 128; c++) {
      KEY_CHAR[c] = XfccElement.isKey(String.valueOf(c), 0, 1);
    }
  }

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
   * so the only one to trust. One pass; builds no element but the last, from the spans of its pairs
   * that the pass recorded.
   *
   * @throws XfccFormatException when the joined header does not follow the grammar or there are no
   *     lines
   */
  static XfccElement parseLast(List<String> lines) {
    Cursor cursor = new Cursor(join(lines));
    cursor.parseAll(null);
    return cursor.build();
  }

  /**
   * Checks the whole header as {@link #parseLast} does and returns its last element's pairs as
   * spans of the header, for a reader that needs only a value or two of them (the peer resolver):
   * no value is copied until asked for.
   *
   * @throws XfccFormatException when the joined header does not follow the grammar or there are no
   *     lines
   */
  static Pairs parseLastPairs(List<String> lines) {
    Cursor cursor = new Cursor(join(lines));
    cursor.parseAll(null);
    return cursor;
  }

  /**
   * The pairs of one parsed element, read as {@link XfccElement} reads its own: keys compared
   * ignoring case, values unquoted and unescaped.
   */
  interface Pairs {
    /** As {@link XfccElement#count}. */
    int count(String key);

    /** As {@link XfccElement#singleOrNull}. */
    @Nullable String singleOrNull(String key);
  }

  private static String join(List<String> lines) {
    if (lines.isEmpty()) {
      throw new XfccFormatException(EMPTY_ELEMENT, 0);
    }
    return lines.size() == 1 ? lines.get(0) : String.join(",", lines);
  }

  private static final class Cursor implements Pairs {
    /** Per pair: key start and end, value start and end (inside quotes), whether escaped. */
    private static final int SPAN = 5;

    private final String text;
    private int pos;

    /** The spans of the pairs of the element parsed last. */
    private int[] pairs = new int[6 * SPAN];

    private int pairCount;

    Cursor(String text) {
      this.text = text;
    }

    /** Parses every element, adding each to {@code into} when it is given. */
    void parseAll(@Nullable List<XfccElement> into) {
      while (true) {
        skipWhitespace();
        element();
        if (into != null) {
          into.add(build());
        }
        skipWhitespace();
        if (pos == text.length()) {
          return;
        }
        // element() stops only at the end or at a comma.
        pos++;
      }
    }

    /**
     * Parses one element, stopping at the end, at a comma, or at whitespace before a comma, and
     * records the spans of its pairs.
     */
    void element() {
      if (atElementEnd()) {
        throw new XfccFormatException(EMPTY_ELEMENT, pos);
      }
      pairCount = 0;
      while (true) {
        int keyStart = pos;
        key();
        int keyEnd = pos;
        pos++;
        int valueStart;
        int valueEnd;
        boolean escaped = false;
        if (pos < text.length() && text.charAt(pos) == '"') {
          valueStart = pos + 1;
          escaped = quoted();
          valueEnd = pos - 1;
        } else {
          valueStart = pos;
          raw();
          valueEnd = pos;
        }
        record(keyStart, keyEnd, valueStart, valueEnd, escaped);
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
        return;
      }
    }

    /** A key and its {@code =} ({@code pos} left on it); the common, valid key in one loop. */
    private void key() {
      int keyStart = pos;
      int i = pos;
      int length = text.length();
      char c = 0;
      while (i < length && (c = text.charAt(i)) < 128 && KEY_CHAR[c]) {
        i++;
      }
      if (i > keyStart && i < length && c == '=') {
        pos = i;
        return;
      }
      // Not a plain key: find which error it is, as the grammar reads it.
      while (pos < length && text.charAt(pos) != '=') {
        char d = text.charAt(pos);
        if (d == ';' || d == ',' || d == '"') {
          break;
        }
        pos++;
      }
      if (pos == keyStart) {
        throw new XfccFormatException(
            pos < length && text.charAt(pos) == '=' ? BAD_KEY : EMPTY_PAIR, pos);
      }
      if (pos == length || text.charAt(pos) != '=') {
        throw new XfccFormatException(MISSING_EQUALS, pos);
      }
      throw new XfccFormatException(BAD_KEY, keyStart);
    }

    private void record(int keyStart, int keyEnd, int valueStart, int valueEnd, boolean escaped) {
      int at = pairCount * SPAN;
      if (at + SPAN > pairs.length) {
        pairs = Arrays.copyOf(pairs, pairs.length * 2);
      }
      pairs[at] = keyStart;
      pairs[at + 1] = keyEnd;
      pairs[at + 2] = valueStart;
      pairs[at + 3] = valueEnd;
      pairs[at + 4] = escaped ? 1 : 0;
      pairCount++;
    }

    /** The element parsed last, from its recorded spans. */
    XfccElement build() {
      XfccElement.Builder builder = new XfccElement.Builder();
      for (int p = 0; p < pairCount; p++) {
        builder.add(text, pairs[p * SPAN], pairs[p * SPAN + 1], value(p));
      }
      return builder.build();
    }

    @Override
    public int count(String key) {
      int count = 0;
      for (int p = 0; p < pairCount; p++) {
        if (keyIs(p, key)) {
          count++;
        }
      }
      return count;
    }

    @Override
    public @Nullable String singleOrNull(String key) {
      int found = -1;
      for (int p = 0; p < pairCount; p++) {
        if (keyIs(p, key)) {
          if (found >= 0) {
            return null;
          }
          found = p;
        }
      }
      return found < 0 ? null : value(found);
    }

    /** Whether pair {@code p}'s key is {@code key} ignoring case (keys are ASCII, see isKey). */
    private boolean keyIs(int p, String key) {
      int start = pairs[p * SPAN];
      int length = pairs[p * SPAN + 1] - start;
      return length == key.length() && text.regionMatches(true, start, key, 0, length);
    }

    private String value(int p) {
      int at = p * SPAN;
      return pairs[at + 4] == 0
          ? text.substring(pairs[at + 2], pairs[at + 3])
          : unescape(pairs[at + 2], pairs[at + 3]);
    }

    /** A quoted value's content whose backslashes escape the character after them. */
    private String unescape(int start, int end) {
      StringBuilder value = new StringBuilder(end - start);
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        if (c == '\\') {
          c = text.charAt(++i);
        }
        value.append(c);
      }
      return value.toString();
    }

    private void raw() {
      int length = text.length();
      int i = pos;
      while (i < length) {
        char c = text.charAt(i);
        if (c < 128 && RAW_STOP[c]) {
          if (c == ';' || c == ',' || c == ' ' || c == '\t') {
            break;
          }
          throw new XfccFormatException(BAD_VALUE_CHAR, i);
        }
        i++;
      }
      pos = i;
    }

    /** A quoted value, {@code pos} on its opening quote; returns whether it has escapes. */
    private boolean quoted() {
      int length = text.length();
      int i = pos + 1; // after the opening quote
      boolean escaped = false;
      while (true) {
        if (i >= length) {
          throw new XfccFormatException(UNTERMINATED_QUOTE, i);
        }
        char c = text.charAt(i);
        if (c == '"') {
          pos = i + 1;
          return escaped;
        }
        if (c == '\\') {
          if (i + 1 >= length) {
            throw new XfccFormatException(UNTERMINATED_QUOTE, i);
          }
          escaped = true;
          i += 2;
          continue;
        }
        i++;
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
