package io.meshguard.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 validity, checked by core itself so that the result never depends on which Jackson version
 * a framework brings.
 */
public final class Utf8 {

  private Utf8() {}

  /**
   * Whether {@code bytes} are well-formed UTF-8 (no overlong forms, no surrogates, nothing above
   * U+10FFFF, no truncated sequence). Pure ASCII is answered without decoding; anything else is
   * judged by a JDK decoder that REPORTs malformed and unmappable input.
   */
  public static boolean isValid(byte[] bytes) {
    int i = 0;
    while (i < bytes.length && bytes[i] >= 0) {
      i++;
    }
    if (i == bytes.length) {
      return true;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, i, bytes.length - i));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** Whether {@code text} holds a surrogate code unit that is not part of a well-formed pair. */
  public static boolean hasLoneSurrogate(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      }
    }
    return false;
  }
}
