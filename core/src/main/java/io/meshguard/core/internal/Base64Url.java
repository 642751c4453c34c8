package io.meshguard.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * Strict base64url decoding (RFC 4648 §5) in one pass, without exceptions on bad input.
 *
 * <p>Accepts the URL-safe alphabet only, with or without padding. Rejects the standard alphabet
 * ({@code +}, {@code /}), whitespace, {@code =} anywhere but at the end, padding that does not
 * complete the last quantum, a length of {@code 4k+1}, and non-zero trailing bits (so every byte
 * string has exactly one accepted unpadded and one accepted padded form).
 */
public final class Base64Url {

  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUES[alphabet.charAt(i)] = (byte) i;
    }
  }

  private Base64Url() {}

  /**
   * Decodes {@code text}.
   *
   * @return the bytes, or {@code null} when the text is not strict base64url or decodes to nothing
   */
  public static byte @Nullable [] decode(String text) {
    int length = text.length();
    int padding = 0;
    if (length > 0 && text.charAt(length - 1) == '=') {
      padding = (length > 1 && text.charAt(length - 2) == '=') ? 2 : 1;
      if (length % 4 != 0) {
        return null;
      }
    }
    int dataChars = length - padding;
    int remainder = dataChars % 4;
    if (dataChars == 0 || remainder == 1 || (padding > 0 && padding != 4 - remainder)) {
      return null;
    }
    byte[] out = new byte[dataChars / 4 * 3 + (remainder == 0 ? 0 : remainder - 1)];
    int o = 0;
    int i = 0;
    int fullEnd = dataChars - remainder;
    while (i < fullEnd) {
      int a = value(text.charAt(i));
      int b = value(text.charAt(i + 1));
      int c = value(text.charAt(i + 2));
      int d = value(text.charAt(i + 3));
      if ((a | b | c | d) < 0) {
        return null;
      }
      int bits = a << 18 | b << 12 | c << 6 | d;
      out[o] = (byte) (bits >> 16);
      out[o + 1] = (byte) (bits >> 8);
      out[o + 2] = (byte) bits;
      o += 3;
      i += 4;
    }
    if (remainder == 2) {
      int a = value(text.charAt(i));
      int b = value(text.charAt(i + 1));
      if ((a | b) < 0 || (b & 0x0F) != 0) {
        return null;
      }
      out[o] = (byte) (a << 2 | b >> 4);
    } else if (remainder == 3) {
      int a = value(text.charAt(i));
      int b = value(text.charAt(i + 1));
      int c = value(text.charAt(i + 2));
      if ((a | b | c) < 0 || (c & 0x03) != 0) {
        return null;
      }
      int bits = a << 12 | b << 6 | c;
      out[o] = (byte) (bits >> 10);
      out[o + 1] = (byte) (bits >> 2);
    }
    return out;
  }

  private static int value(char c) {
    return c < 128 ? VALUES[c] : -1;
  }
}
