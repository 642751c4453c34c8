package io.meshguard.core.policy;

import io.meshguard.core.internal.Utf8;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The path as the sidecar matches a policy's {@code paths} against it: Istio's default {@code
 * pathNormalization: BASE}, which is Envoy's {@code normalize_path} (Chromium's URL path
 * canonicaliser, {@code source/common/chromium_url/url_canon_path.cc}) without merging slashes and
 * with escaped slashes kept as sent.
 *
 * <p>What it does, exactly as the canonicaliser's {@code kPathCharLookup} table says:
 *
 * <ul>
 *   <li>escapes of unreserved characters ({@code %41}, {@code %2D}, {@code %5F}, {@code %7E}, ...)
 *       are decoded; every other escape ({@code %3A}, {@code %2F}, {@code %20}, ...) is kept
 *       exactly as written, hex case included;
 *   <li>raw control characters, space, {@code " # < > ? \ ^ `} {@code { | }}, DEL and every
 *       non-ASCII octet are percent-encoded (upper-case hex);
 *   <li>{@code \} becomes {@code /}; {@code .} and {@code ..} segments (also written {@code %2e})
 *       are resolved;
 *   <li>a raw or encoded NUL makes the path invalid: Envoy answers 400 and no policy runs.
 * </ul>
 *
 * <p>meshguard refuses ambiguous raw paths (dot segments, {@code \}, {@code %2e}, {@code %2f},
 * {@code %5c}, {@code %25}, {@code %00}) before any policy runs, so in practice the steps that
 * matter are the first two; the rest is ported so the function stays Envoy's.
 *
 * <p>Containers differ in how they hand over the request line's non-ASCII octets (which only reach
 * the application when it is called without the sidecar: Envoy forwards the normalised, ASCII
 * path): Tomcat and Vert.x one {@code char} per octet (ISO-8859-1), Jetty 12 decoded as UTF-8. So
 * the raw path is taken as octets when its characters are all at most U+00FF and those octets are
 * UTF-8, and as text to encode in UTF-8 otherwise.
 */
final class IstioPathNormalizer {

  private static final byte PASS = 0;
  private static final byte SPECIAL = 1;
  private static final byte ESCAPE = 2 | SPECIAL;
  private static final byte UNESCAPE = 4;
  private static final byte INVALID = 8 | SPECIAL;

  /** Envoy's {@code kPathCharLookup}, row by row (16 octets a row). */
  private static final byte[] LOOKUP = new byte[0x100];

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  static {
    byte[] ascii = {
      // NUL, control characters
      INVALID, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE,
      ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE,
      // control characters
      ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE,
      ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE,
      // ' '     !     "       #       $     %       &     '
      ESCAPE, PASS, ESCAPE, ESCAPE, PASS, ESCAPE, PASS, PASS,
      // (     )     *     +     ,     -         .        /
      PASS, PASS, PASS, PASS, PASS, UNESCAPE, SPECIAL, PASS,
      // 0 1 2 3 4 5 6 7
      UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE,
      // 8         9         :     ;     <       =     >       ?
      UNESCAPE, UNESCAPE, PASS, PASS, ESCAPE, PASS, ESCAPE, ESCAPE,
      // @   A-G
      PASS, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE,
      // H-O
      UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE,
      // P-W
      UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE,
      // X         Y         Z         [     \       ]     ^       _
      UNESCAPE, UNESCAPE, UNESCAPE, PASS, ESCAPE, PASS, ESCAPE, UNESCAPE,
      // `     a-g
      ESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE,
      // h-o
      UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE,
      // p-w
      UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE, UNESCAPE,
      // x         y         z         {       |       }       ~         DEL
      UNESCAPE, UNESCAPE, UNESCAPE, ESCAPE, ESCAPE, ESCAPE, UNESCAPE, ESCAPE,
    };
    System.arraycopy(ascii, 0, LOOKUP, 0, 0x80);
    for (int i = 0x80; i < 0x100; i++) {
      LOOKUP[i] = ESCAPE;
    }
  }

  private IstioPathNormalizer() {}

  /**
   * The normalised path, or {@code null} when Envoy refuses the path (it holds a raw or encoded
   * NUL).
   *
   * @param rawPath the request-target's path as received, still percent-encoded, without the query
   */
  static @Nullable String normalize(String rawPath) {
    if (isAlreadyNormal(rawPath)) {
      return rawPath; // the common case: nothing to decode, escape or resolve
    }
    byte[] spec = octets(rawPath);
    int end = spec.length;
    StringBuilder output = new StringBuilder(end + 8);
    if (end == 0) {
      return "/";
    }
    if (!isSlash(spec[0])) {
      output.append('/');
    }
    int lastInvalidPercent = Integer.MIN_VALUE;
    boolean success = true;
    for (int i = 0; i < end; i++) {
      int ch = spec[i] & 0xFF;
      int flags = LOOKUP[ch];
      if ((flags & SPECIAL) == 0) {
        output.append((char) ch);
        continue;
      }
      int dotLength = dotLength(spec, i, end);
      if (dotLength > 0) {
        if (output.length() > 0 && output.charAt(output.length() - 1) == '/') {
          int after = i + dotLength;
          int consumed;
          if (after == end) {
            consumed = 0; // "." at the end: the current directory
            i += dotLength + consumed - 1;
          } else if (isSlash(spec[after])) {
            consumed = 1; // "./"
            i += dotLength + consumed - 1;
          } else {
            int second = dotLength(spec, after, end);
            int afterSecond = after + second;
            if (second > 0 && (afterSecond == end || isSlash(spec[afterSecond]))) {
              consumed = afterSecond == end ? second : second + 1; // ".." or "../"
              backUpToPreviousSlash(output);
              i += dotLength + consumed - 1;
            } else {
              output.append('.'); // a dot that starts a name
              i += dotLength - 1;
            }
          }
        } else {
          output.append('.');
          i += dotLength - 1;
        }
      } else if (ch == '\\') {
        output.append('/');
      } else if (ch == '%') {
        int value = decodeEscape(spec, i, end);
        if (value >= 0) {
          i += 2;
          int escapedFlags = LOOKUP[value];
          if ((escapedFlags & UNESCAPE) != 0) {
            output.append((char) value);
            if (lastInvalidPercent >= output.length() - 3) {
              checkForNestedEscapes(spec, i + 1, end, lastInvalidPercent, output);
            }
          } else {
            // Kept exactly as written, hex case included.
            output.append('%').append((char) (spec[i - 1] & 0xFF)).append((char) (spec[i] & 0xFF));
            if ((escapedFlags & INVALID) == INVALID) {
              success = false;
            }
          }
        } else {
          // Not an escape: passed through, remembered for the nested-escape check.
          lastInvalidPercent = output.length();
          output.append('%');
        }
      } else if ((flags & INVALID) == INVALID) {
        appendEscaped(ch, output);
        success = false;
      } else if ((flags & ESCAPE) == ESCAPE) {
        appendEscaped(ch, output);
      }
    }
    return success ? output.toString() : null;
  }

  /** Whether every character is ASCII that the table passes or keeps as is, after a leading '/'. */
  private static boolean isAlreadyNormal(String rawPath) {
    if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      return false;
    }
    for (int i = 1; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c >= 0x80 || (LOOKUP[c] & SPECIAL) != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * After an unescape right behind a {@code %} that began no escape, makes sure the output cannot
   * read as a new escape ({@code %%300} must not become {@code %00}): that {@code %} becomes {@code
   * %25}.
   */
  private static void checkForNestedEscapes(
      byte[] spec, int nextInput, int end, int lastInvalidPercent, StringBuilder output) {
    int length = output.length();
    char lastUnescaped = output.charAt(length - 1);
    boolean appendNext = lastInvalidPercent == length - 2;
    if (appendNext) {
      if (nextInput == end || (spec[nextInput] & 0xFF) >= 0x80) {
        return;
      }
      output.append((char) (spec[nextInput] & 0xFF));
    }
    if (lastInvalidPercent + 3 <= output.length()
        && isHex(output.charAt(lastInvalidPercent + 1))
        && isHex(output.charAt(lastInvalidPercent + 2))) {
      if (!appendNext) {
        output.append(output.charAt(lastInvalidPercent + 1));
      }
      output.setCharAt(lastInvalidPercent + 1, '2');
      output.setCharAt(lastInvalidPercent + 2, '5');
      output.append(lastUnescaped);
    } else if (appendNext) {
      output.setLength(length);
    }
  }

  /** Shrinks the output (which ends in {@code /}) to just after the slash before that one. */
  private static void backUpToPreviousSlash(StringBuilder output) {
    int i = output.length() - 1;
    if (i == 0) {
      return;
    }
    i--;
    while (output.charAt(i) != '/' && i > 0) {
      i--;
    }
    output.setLength(i + 1);
  }

  /** 1 for {@code .}, 3 for {@code %2e}/{@code %2E}, else 0. */
  private static int dotLength(byte[] spec, int offset, int end) {
    if (spec[offset] == '.') {
      return 1;
    }
    if (spec[offset] == '%'
        && offset + 3 <= end
        && spec[offset + 1] == '2'
        && (spec[offset + 2] == 'e' || spec[offset + 2] == 'E')) {
      return 3;
    }
    return 0;
  }

  /** The octet a {@code %XX} at {@code at} encodes, or -1 when it is not an escape. */
  private static int decodeEscape(byte[] spec, int at, int end) {
    if (at + 3 > end) {
      return -1;
    }
    int high = hexValue(spec[at + 1]);
    int low = hexValue(spec[at + 2]);
    return high < 0 || low < 0 ? -1 : high * 16 + low;
  }

  private static int hexValue(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  private static boolean isHex(char c) {
    return c < 0x80 && hexValue((byte) c) >= 0;
  }

  private static boolean isSlash(byte b) {
    return b == '/' || b == '\\';
  }

  private static void appendEscaped(int octet, StringBuilder output) {
    output.append('%').append(HEX[octet >> 4]).append(HEX[octet & 0xF]);
  }

  private static byte[] octets(String rawPath) {
    boolean ascii = true;
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c > 0xFF) {
        return rawPath.getBytes(StandardCharsets.UTF_8);
      }
      ascii &= c < 0x80;
    }
    byte[] octets = rawPath.getBytes(StandardCharsets.ISO_8859_1);
    return ascii || Utf8.isValid(octets) ? octets : rawPath.getBytes(StandardCharsets.UTF_8);
  }
}
