package io.meshguard.core.payload;

import io.meshguard.core.internal.JsonBytes;
import io.meshguard.core.internal.JsonObject;
import io.meshguard.core.internal.JsonText;
import io.meshguard.core.internal.Utf8;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a payload's JSON (RFC 8259, strictly) in one pass over its bytes into immutable values,
 * enforcing meshguard's limits as it goes: depth, number and string length, duplicate names at
 * every depth (compared after unescaping), lone surrogate escapes, UTF-8.
 *
 * <p>Values: {@link JsonObject}, unmodifiable {@link List}, {@link String}, {@link Long} (integers
 * that fit), {@link BigInteger}, {@link BigDecimal} (numbers with a fraction or exponent), {@link
 * Boolean}, and {@code null}. A string member of an object is validated here but made into a {@link
 * String} only when read: most claims of a payload never are.
 *
 * <p>It accepts, rejects and reads exactly what Jackson's streaming parser with meshguard's checks
 * did before it ({@code JacksonPayloadReader} in the tests, compared by a differential test and a
 * fuzz target), including which {@link Malformation} wins when several apply: invalid UTF-8 first,
 * then the first problem in document order. Thread-safe.
 */
final class JsonPayloadReader {

  /** Member names seen before, by their hash: a payload's names repeat across requests. */
  private static final int NAME_SLOTS = 512;

  /** Member slots of the reused top-level builder (it grows for larger payloads). */
  private static final int TOP_LEVEL_CAPACITY = 32;

  /** Beyond this many members, an object being validated finds duplicates with a hash set. */
  private static final int MANY_KEYS = 32;

  private static final String[] NO_KEYS = new String[0];
  private static final int[] NO_HASHES = new int[0];

  /** The number length limit of Jackson's defaults, which the reader before this one kept. */
  private static final int JACKSON_MAX_NUMBER_LENGTH = 1000;

  /** {@code Thread.isVirtual()} on Java 21 and newer; {@code null} before (no virtual threads). */
  private static final @Nullable MethodHandle IS_VIRTUAL = isVirtualHandle();

  private final int maxDepth;
  private final int maxNumberLength;
  private final int maxStringLength;
  private final String[] names = new String[NAME_SLOTS];
  private final JsonText.Source containers = this::container;
  private final ThreadLocal<Parse> parses = ThreadLocal.withInitial(Parse::new);

  /** A reader with the given limits (each at least 1). */
  JsonPayloadReader(int maxDepth, int maxNumberLength, int maxStringLength) {
    this.maxDepth = maxDepth;
    this.maxNumberLength = maxNumberLength;
    this.maxStringLength = maxStringLength;
  }

  /**
   * Reads {@code utf8} as one JSON object.
   *
   * @throws PayloadFormatException when it is not exactly one JSON object within the limits
   */
  JsonObject read(byte[] utf8) throws PayloadFormatException {
    // As Jackson did: a zero byte among the first four (its UTF-16/32 guess) or a UTF-8 byte order
    // mark is invalid JSON before anything else is looked at.
    for (int i = 0; i < Math.min(4, utf8.length); i++) {
      if (utf8[i] == 0) {
        throw invalid();
      }
    }
    if (utf8.length >= 3
        && (utf8[0] & 0xFF) == 0xEF
        && (utf8[1] & 0xFF) == 0xBB
        && (utf8[2] & 0xFF) == 0xBF) {
      throw invalid();
    }
    // Each platform thread reuses one parse (its cursor, the name stack of objects being validated
    // and the top-level builder): 760 fewer bytes allocated per read. A virtual thread usually
    // serves one request and dies, so there a thread-local only adds its own map: a fresh parse
    // (benchmarks' ScratchStateBenchmark measured both: 2,600 vs 3,360 B per read on a platform
    // thread, 3,921 vs 3,785 B per read on a new virtual thread).
    Parse parse = onVirtualThread() ? new Parse() : parses.get();
    if (parse.in != null) {
      parse = new Parse(); // re-entered on this thread: never share
    }
    parse.in = utf8;
    parse.nonAscii = false;
    JsonObject object;
    try {
      object = parse.document();
    } catch (PayloadFormatException e) {
      if (hasNonAscii(utf8) && !Utf8.isValid(utf8)) {
        throw new PayloadFormatException(Malformation.INVALID_UTF8);
      }
      throw e;
    } finally {
      parse.reset();
    }
    if (parse.nonAscii && !Utf8.isValid(utf8)) {
      throw new PayloadFormatException(Malformation.INVALID_UTF8);
    }
    return object;
  }

  /** Builds a member a first pass left unread; that pass proved it valid, so this cannot fail. */
  private Object container(byte[] source, int start) {
    try {
      Parse parse = new Parse();
      parse.in = source;
      return Objects.requireNonNull(parse.container(start));
    } catch (PayloadFormatException e) {
      throw new IllegalStateException("A validated payload could not be read again", e);
    }
  }

  /** Whether the calling thread is a virtual thread (never before Java 21). */
  static boolean onVirtualThread() {
    if (IS_VIRTUAL == null) {
      return false;
    }
    try {
      return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
    } catch (Throwable e) {
      throw new IllegalStateException("Thread.isVirtual() failed", e);
    }
  }

  private static @Nullable MethodHandle isVirtualHandle() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null; // Java 17 to 20
    }
  }

  private static boolean hasNonAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }

  private static PayloadFormatException invalid() {
    return new PayloadFormatException(Malformation.INVALID_JSON);
  }

  /** One document's parse: a cursor over its bytes and what the last string scan found. */
  private final class Parse {
    private byte @Nullable [] in;
    private int at;
    private boolean nonAscii;

    /** Of the last scanned string: its end with {@link JsonText} flags, length, lone surrogate. */
    private int stringEnd;

    private int stringLength;
    private boolean loneSurrogate;

    /** Names of the objects being validated (not built), innermost last, to find duplicates. */
    private String[] keyStack = NO_KEYS;

    private int[] keyHashes = NO_HASHES;
    private int keyTop;
    private @Nullable Map<Integer, Set<String>> many;

    /** The top-level object's builder, reused as scratch: only the result is allocated. */
    private JsonObject.@Nullable Builder topLevel;

    /** Forgets the document (the payload bytes are not kept alive by an idle parse). */
    void reset() {
      if (topLevel != null) {
        topLevel.buildAndReset(); // empty after a failure half-way through a document
      }
      in = null;
      at = 0;
      keyTop = 0;
      many = null;
      for (int i = 0; i < keyStack.length && keyStack[i] != null; i++) {
        keyStack[i] = null;
      }
    }

    /** Builds the object or array a first pass validated, from its opening brace or bracket. */
    @Nullable Object container(int start) throws PayloadFormatException {
      at = start + 1;
      return in[start] == '{' ? object(1, true, 4) : array(1, true);
    }

    JsonObject document() throws PayloadFormatException {
      skipWhitespace();
      if (at == in.length) {
        throw invalid();
      }
      byte first = in[at];
      if (first != '{') {
        throw notAnObject(first);
      }
      at++;
      JsonObject object = object(1, true, TOP_LEVEL_CAPACITY);
      skipWhitespace();
      if (at != in.length) {
        throw invalid();
      }
      return object;
    }

    /**
     * What Jackson's first token would have said of a document that does not start with an object:
     * a well-formed first token is {@code NOT_AN_OBJECT}, anything else invalid JSON.
     */
    private PayloadFormatException notAnObject(byte first) throws PayloadFormatException {
      if (first == '[' || first == '"') {
        return new PayloadFormatException(Malformation.NOT_AN_OBJECT);
      }
      if (first == '-' || (first >= '0' && first <= '9')) {
        int length = numberSyntax();
        // Jackson's own number limit, and its rule that a root-level value ends in whitespace.
        if (length > Math.max(JACKSON_MAX_NUMBER_LENGTH, maxNumberLength + 1)
            || (at < in.length && !isWhitespace(in[at]))) {
          return invalid();
        }
        return new PayloadFormatException(Malformation.NOT_AN_OBJECT);
      }
      if (first == 't' || first == 'f' || first == 'n') {
        literal();
        return new PayloadFormatException(Malformation.NOT_AN_OBJECT);
      }
      return invalid();
    }

    /**
     * An object's members and closing brace; {@code at} is just after the opening brace. Built, its
     * string, object and array members stay unread spans; validated only, it returns {@code null}.
     */
    private @Nullable JsonObject object(int depth, boolean build, int capacity)
        throws PayloadFormatException {
      if (depth > maxDepth) {
        throw new PayloadFormatException(Malformation.TOO_DEEP);
      }
      JsonObject.Builder builder = null;
      if (build && capacity == TOP_LEVEL_CAPACITY) {
        if (topLevel == null) {
          topLevel = new JsonObject.Builder(TOP_LEVEL_CAPACITY);
        }
        builder = topLevel;
      } else if (build) {
        builder = new JsonObject.Builder(capacity);
      }
      int keysBase = keyTop;
      skipWhitespace();
      if (peek() == '}') {
        at++;
        return builder == null
            ? null
            : builder == topLevel ? builder.buildAndReset() : builder.build();
      }
      while (true) {
        if (peek() != '"') {
          throw invalid();
        }
        at++;
        int nameStart = at;
        scanString();
        if (loneSurrogate) {
          // Jackson could not read such a name at all (it re-encodes names as UTF-8).
          throw invalid();
        }
        int nameEnd = stringEnd;
        int nameLength = stringLength;
        skipWhitespace();
        if (peek() != ':') {
          throw invalid();
        }
        at++;
        skipWhitespace();
        // Jackson read the name, the colon and the value's first token in one step, before the
        // name's limits were checked: keep that order so the same problem is reported.
        byte first = peek();
        Object early = null;
        int valueStart = at;
        int numberLength = 0;
        if (first == 't' || first == 'f' || first == 'n') {
          early = literal();
        } else if (first == '-' || (first >= '0' && first <= '9')) {
          numberLength = numberSyntax();
        } else if (first != '"' && first != '{' && first != '[') {
          throw invalid();
        }
        checkString(nameLength, false);
        String name = name(nameStart, nameEnd);
        boolean added;
        if (first == '"') {
          at++;
          scanString();
          checkString(stringLength, loneSurrogate);
          added =
              builder == null
                  ? pushKey(name, keysBase)
                  : builder.addString(name, in, valueStart + 1, stringEnd);
        } else if (first == '{' || first == '[') {
          at++;
          if (first == '{') {
            object(depth + 1, false, 0);
          } else {
            array(depth + 1, false);
          }
          added =
              builder == null
                  ? pushKey(name, keysBase)
                  : builder.addContainer(name, in, valueStart, containers);
        } else {
          Object value = numberLength > 0 ? number(valueStart, numberLength, build) : early;
          added = builder == null ? pushKey(name, keysBase) : builder.add(name, value);
        }
        if (!added) {
          throw new PayloadFormatException(Malformation.DUPLICATE_KEY);
        }
        skipWhitespace();
        byte next = peek();
        at++;
        if (next == '}') {
          if (builder != null) {
            return builder == topLevel ? builder.buildAndReset() : builder.build();
          }
          if (many != null) {
            many.remove(keysBase);
          }
          keyTop = keysBase;
          return null;
        }
        if (next != ',') {
          throw invalid();
        }
        skipWhitespace();
      }
    }

    /**
     * Records a member name of an object being validated (not built), unless the object has it
     * already. Objects with many members get a hash set, so hostile input stays linear.
     */
    private boolean pushKey(String name, int base) {
      int hash = name.hashCode();
      int count = keyTop - base;
      if (count >= MANY_KEYS) {
        if (many == null) {
          many = new HashMap<>();
        }
        Set<String> names =
            many.computeIfAbsent(
                base, b -> new HashSet<>(Arrays.asList(keyStack).subList(base, keyTop)));
        if (!names.add(name)) {
          return false;
        }
      } else {
        for (int i = base; i < keyTop; i++) {
          if (keyHashes[i] == hash && keyStack[i].equals(name)) {
            return false;
          }
        }
      }
      if (keyTop == keyStack.length) {
        keyStack = Arrays.copyOf(keyStack, Math.max(8, keyTop * 2));
        keyHashes = Arrays.copyOf(keyHashes, Math.max(8, keyTop * 2));
      }
      keyStack[keyTop] = name;
      keyHashes[keyTop] = hash;
      keyTop++;
      return true;
    }

    /**
     * An array's items and closing bracket; {@code at} is just after the opening bracket. Built,
     * every item is built; validated only, it returns {@code null}.
     */
    private @Nullable List<@Nullable Object> array(int depth, boolean build)
        throws PayloadFormatException {
      if (depth > maxDepth) {
        throw new PayloadFormatException(Malformation.TOO_DEEP);
      }
      List<@Nullable Object> items = build ? new ArrayList<>(4) : null;
      skipWhitespace();
      if (peek() == ']') {
        at++;
        return items == null ? null : Collections.unmodifiableList(items);
      }
      while (true) {
        Object item = item(depth, build);
        if (items != null) {
          items.add(item);
        }
        skipWhitespace();
        byte next = peek();
        at++;
        if (next == ']') {
          return items == null ? null : Collections.unmodifiableList(items);
        }
        if (next != ',') {
          throw invalid();
        }
        skipWhitespace();
      }
    }

    /** An array item at {@code depth}; {@code at} is on its first byte. */
    private @Nullable Object item(int depth, boolean build) throws PayloadFormatException {
      byte first = peek();
      switch (first) {
        case '"':
          at++;
          int start = at;
          scanString();
          checkString(stringLength, loneSurrogate);
          return build ? JsonText.string(in, start, stringEnd) : null;
        case '{':
          at++;
          return object(depth + 1, build, 4);
        case '[':
          at++;
          return array(depth + 1, build);
        case 't':
        case 'f':
        case 'n':
          return literal();
        default:
          if (first == '-' || (first >= '0' && first <= '9')) {
            int numberStart = at;
            return number(numberStart, numberSyntax(), build);
          }
          throw invalid();
      }
    }

    /**
     * {@code true}, {@code false} or {@code null}, not followed by a character that could continue
     * a name (Jackson's rule: ASCII bytes below {@code '0'}, {@code ]} and <code>}</code> end it).
     */
    private @Nullable Object literal() throws PayloadFormatException {
      Object value;
      if (matches("true")) {
        value = Boolean.TRUE;
      } else if (matches("false")) {
        value = Boolean.FALSE;
      } else if (matches("null")) {
        value = null;
      } else {
        throw invalid();
      }
      if (at < in.length) {
        // Jackson judged the next byte as a character of its own: any byte beyond ASCII (a UTF-8
        // lead byte reads as a Latin-1 letter) or a character that could continue a name.
        int next = in[at] & 0xFF;
        if (next >= 0x80
            || (next >= '0'
                && next != ']'
                && next != '}'
                && Character.isJavaIdentifierPart((char) next))) {
          throw invalid();
        }
      }
      return value;
    }

    private boolean matches(String word) {
      if (at + word.length() > in.length) {
        return false;
      }
      for (int i = 0; i < word.length(); i++) {
        if (in[at + i] != word.charAt(i)) {
          return false;
        }
      }
      at += word.length();
      return true;
    }

    /**
     * Scans a number, {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, and returns
     * its length; the bytes after it are left to the caller.
     */
    private int numberSyntax() throws PayloadFormatException {
      int start = at;
      if (peek() == '-') {
        at++;
      }
      if (peek() == '0') {
        at++;
        if (at < in.length && isDigit(in[at])) {
          throw invalid(); // a leading zero
        }
      } else if (isDigit(peek())) {
        while (at < in.length && isDigit(in[at])) {
          at++;
        }
      } else {
        throw invalid();
      }
      if (at < in.length && in[at] == '.') {
        at++;
        requireDigits();
      }
      if (at < in.length && (in[at] == 'e' || in[at] == 'E')) {
        at++;
        if (at < in.length && (in[at] == '+' || in[at] == '-')) {
          at++;
        }
        requireDigits();
      }
      return at - start;
    }

    /**
     * The value of the number scanned at {@code start}, once it is within the length limit; when
     * not building, only whether it has one (an exponent beyond BigDecimal's has not).
     */
    private @Nullable Object number(int start, int length, boolean build)
        throws PayloadFormatException {
      if (length > maxNumberLength) {
        throw new PayloadFormatException(Malformation.NUMBER_TOO_LONG);
      }
      boolean negative = in[start] == '-';
      int digits = negative ? start + 1 : start;
      boolean integer = true;
      for (int i = digits; i < start + length; i++) {
        if (!isDigit(in[i])) {
          integer = false;
          break;
        }
      }
      if (integer && start + length - digits <= 18) {
        if (!build) {
          return null;
        }
        long value = 0;
        for (int i = digits; i < start + length; i++) {
          value = value * 10 + (in[i] - '0');
        }
        return negative ? -value : value;
      }
      String text = new String(in, start, length, StandardCharsets.ISO_8859_1);
      try {
        if (!integer) {
          return new BigDecimal(text);
        }
        BigInteger value = new BigInteger(text);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
      } catch (NumberFormatException | ArithmeticException e) {
        // An exponent beyond what BigDecimal can hold, for example.
        throw invalid();
      }
    }

    private void requireDigits() throws PayloadFormatException {
      if (!(at < in.length && isDigit(in[at]))) {
        throw invalid();
      }
      while (at < in.length && isDigit(in[at])) {
        at++;
      }
    }

    /**
     * Scans a string's content up to and past its closing quote ({@code at} is just after the
     * opening one), checking its escapes, and records its end and flags, its length in UTF-16 units
     * and whether it has a lone surrogate escape. Runs of printable ASCII are skipped eight bytes
     * at a time ({@link JsonBytes}); every other byte is judged here, one at a time.
     */
    private void scanString() throws PayloadFormatException {
      int flags = 0;
      int length = 0;
      boolean lone = false;
      boolean pendingHigh = false;
      while (true) {
        int plainEnd = JsonBytes.plainRunEnd(in, at, in.length);
        if (plainEnd != at) {
          lone |= pendingHigh; // a plain character after a high surrogate escape
          pendingHigh = false;
          length += plainEnd - at;
          at = plainEnd;
        }
        if (at >= in.length) {
          throw invalid();
        }
        byte b = in[at];
        if (b == '"') {
          break;
        }
        if (b == '\\') {
          flags |= JsonText.ESCAPED;
          if (at + 1 >= in.length) {
            throw invalid();
          }
          byte letter = in[at + 1];
          if (letter == 'u') {
            if (at + 5 >= in.length) {
              throw invalid();
            }
            int unit = 0;
            for (int i = at + 2; i < at + 6; i++) {
              int digit = JsonText.hex(in[i]);
              if (digit < 0) {
                throw invalid();
              }
              unit = unit << 4 | digit;
            }
            if (Character.isLowSurrogate((char) unit)) {
              lone |= !pendingHigh;
              pendingHigh = false;
            } else {
              lone |= pendingHigh;
              pendingHigh = Character.isHighSurrogate((char) unit);
            }
            at += 6;
          } else if (letter == '"'
              || letter == '\\'
              || letter == '/'
              || letter == 'b'
              || letter == 'f'
              || letter == 'n'
              || letter == 'r'
              || letter == 't') {
            lone |= pendingHigh;
            pendingHigh = false;
            at += 2;
          } else {
            throw invalid();
          }
          length++;
          continue;
        }
        if (b >= 0) {
          throw invalid(); // an unescaped control character: all else below 0x80 is plain
        }
        lone |= pendingHigh;
        pendingHigh = false;
        flags |= JsonText.NON_ASCII;
        nonAscii = true;
        // A run of bytes beyond ASCII; their UTF-8 is checked once for the whole document.
        do {
          if ((b & 0xC0) != 0x80) {
            length += (b & 0xF8) == 0xF0 ? 2 : 1; // a lead byte; four bytes make a surrogate pair
          }
          at++;
        } while (at < in.length && (b = in[at]) < 0);
      }
      stringEnd = at | flags;
      stringLength = length;
      loneSurrogate = lone || pendingHigh;
      at++;
    }

    /** The limits on a scanned string: its length, then its surrogates. */
    private void checkString(int length, boolean lone) throws PayloadFormatException {
      if (length > maxStringLength) {
        throw new PayloadFormatException(Malformation.STRING_TOO_LONG);
      }
      if (lone) {
        throw new PayloadFormatException(Malformation.LONE_SURROGATE);
      }
    }

    /** The member name just scanned, shared with earlier documents when it is plain ASCII. */
    private String name(int start, int endAndFlags) {
      if ((endAndFlags & (JsonText.ESCAPED | JsonText.NON_ASCII)) != 0) {
        return JsonText.string(in, start, endAndFlags);
      }
      int end = endAndFlags;
      // The slot's hash is taken here, from the name's bytes: the string scan skips runs of plain
      // bytes whole and so hashes nothing.
      int hash = end - start;
      for (int i = start; i < end; i++) {
        hash = 31 * hash + in[i];
      }
      int slot = (hash ^ (hash >>> 16)) & (NAME_SLOTS - 1);
      String known = names[slot];
      if (known != null && known.length() == end - start && sameAscii(known, start)) {
        return known;
      }
      String name = new String(in, start, end - start, StandardCharsets.ISO_8859_1);
      names[slot] = name;
      return name;
    }

    private boolean sameAscii(String known, int start) {
      for (int i = 0; i < known.length(); i++) {
        if (known.charAt(i) != in[start + i]) {
          return false;
        }
      }
      return true;
    }

    private byte peek() throws PayloadFormatException {
      if (at >= in.length) {
        throw invalid();
      }
      return in[at];
    }

    private void skipWhitespace() {
      while (at < in.length && isWhitespace(in[at])) {
        at++;
      }
    }
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
