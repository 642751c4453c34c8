package io.meshguard.core.internal;

import java.nio.charset.StandardCharsets;

/**
 * Turns the content of a JSON string that a reader has already validated (grammar, escapes, UTF-8)
 * into a {@link String}, given its span in the source bytes and what the scan found in it.
 */
public final class JsonText {

  /** Flag in a span's end: the string has backslash escapes. */
  public static final int ESCAPED = 1 << 30;

  /** Flag in a span's end: the string has bytes beyond ASCII (well-formed UTF-8). */
  public static final int NON_ASCII = 1 << 29;

  /** Flag in a span's end: the member is an object or array, built by its {@link Source}. */
  public static final int CONTAINER = 1 << 28;

  private static final int END = CONTAINER - 1;

  /**
   * Builds an object or array that a reader has validated but left unbuilt, from the index of its
   * opening bracket or brace. It cannot fail on input it validated.
   */
  @FunctionalInterface
  public interface Source {
    /** The value whose first byte is at {@code start}. */
    Object container(byte[] source, int start);
  }

  private JsonText() {}

  /**
   * The string between {@code start} (just after the opening quote) and the end in {@code
   * endAndFlags} (the closing quote), with the {@link #ESCAPED} and {@link #NON_ASCII} flags the
   * scan set.
   */
  public static String string(byte[] source, int start, int endAndFlags) {
    int end = endAndFlags & END;
    if ((endAndFlags & ESCAPED) == 0) {
      return new String(
          source,
          start,
          end - start,
          (endAndFlags & NON_ASCII) == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }
    StringBuilder text = new StringBuilder(end - start);
    int i = start;
    while (i < end) {
      byte b = source[i];
      if (b == '\\') {
        i = unescape(source, i + 1, text);
      } else if (b >= 0) {
        text.append((char) b);
        i++;
      } else {
        int run = i;
        while (i < end && source[i] < 0) {
          i++;
        }
        text.append(new String(source, run, i - run, StandardCharsets.UTF_8));
      }
    }
    return text.toString();
  }

  /**
   * Whether the validated array whose opening bracket is at {@code start} holds only strings
   * (possibly none), told without building it.
   */
  public static boolean isStringArray(byte[] source, int start) {
    int at = skipWhitespace(source, start + 1);
    if (source[at] == ']') {
      return true;
    }
    while (true) {
      if (source[at] != '"') {
        return false;
      }
      at++;
      while (source[at] != '"') {
        at +=
            source[at] == '\\'
                ? 2
                : 1; // an escape is skipped whole: an escaped quote does not end it
      }
      at = skipWhitespace(source, at + 1);
      if (source[at] == ']') {
        return true;
      }
      at = skipWhitespace(source, at + 1); // past the comma
    }
  }

  private static int skipWhitespace(byte[] source, int at) {
    while (source[at] == ' ' || source[at] == '\n' || source[at] == '\r' || source[at] == '\t') {
      at++;
    }
    return at;
  }

  /** Appends the escape whose letter is at {@code at}; returns the index after it. */
  private static int unescape(byte[] source, int at, StringBuilder text) {
    byte letter = source[at];
    switch (letter) {
      case 'b':
        text.append('\b');
        break;
      case 'f':
        text.append('\f');
        break;
      case 'n':
        text.append('\n');
        break;
      case 'r':
        text.append('\r');
        break;
      case 't':
        text.append('\t');
        break;
      case 'u':
        text.append(
            (char)
                (hex(source[at + 1]) << 12
                    | hex(source[at + 2]) << 8
                    | hex(source[at + 3]) << 4
                    | hex(source[at + 4])));
        return at + 5;
      default: // '"', '\\', '/'
        text.append((char) letter);
        break;
    }
    return at + 1;
  }

  /** The value of a hexadecimal digit, or -1. */
  public static int hex(byte digit) {
    if (digit >= '0' && digit <= '9') {
      return digit - '0';
    }
    if (digit >= 'a' && digit <= 'f') {
      return digit - 'a' + 10;
    }
    if (digit >= 'A' && digit <= 'F') {
      return digit - 'A' + 10;
    }
    return -1;
  }
}
