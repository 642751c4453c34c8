package io.meshguard.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * Strict RFC 3986 percent-decoding to bytes; {@code +} stays a plus (this is not form decoding).
 */
public final class PercentDecoding {

  private PercentDecoding() {}

  /**
   * Decodes {@code text}.
   *
   * @return the bytes, or {@code null} for a bad {@code %} escape or a character outside printable
   *     ASCII (space included)
   */
  public static byte @Nullable [] decode(String text) {
    byte[] out = new byte[text.length()];
    int o = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          return null;
        }
        int high = hex(text.charAt(i + 1));
        int low = hex(text.charAt(i + 2));
        if (high < 0 || low < 0) {
          return null;
        }
        out[o++] = (byte) (high << 4 | low);
        i += 2;
      } else if (c >= 0x20 && c <= 0x7E) {
        out[o++] = (byte) c;
      } else {
        return null;
      }
    }
    return java.util.Arrays.copyOf(out, o);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
