package io.meshguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonBytesTests {

  /** The specification, one byte at a time. */
  private static boolean special(int value) {
    return value == '"' || value == '\\' || value < 0x20 || value >= 0x80;
  }

  private static int expectedEnd(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (special(bytes[i] & 0xFF)) {
        return i;
      }
    }
    return to;
  }

  @Test
  void isSpecialWhenEveryByteValueThenMatchesTheSpecification() {
    for (int value = 0; value < 256; value++) {
      assertThat(JsonBytes.isSpecial((byte) value)).as("0x%02x", value).isEqualTo(special(value));
    }
  }

  @Test
  void plainRunEndWhenEveryByteValueAtEveryPositionOfAWordThenFindsExactlyIt() {
    for (int value = 0; value < 256; value++) {
      for (int position = 0; position < Long.BYTES; position++) {
        // One word (the SWAR step) and the same byte in a second word (the step after a clean one).
        for (int words = 1; words <= 2; words++) {
          byte[] bytes = new byte[Long.BYTES * words];
          Arrays.fill(bytes, (byte) 'a');
          int at = Long.BYTES * (words - 1) + position;
          bytes[at] = (byte) value;
          int expected = special(value) ? at : bytes.length;
          assertThat(JsonBytes.plainRunEnd(bytes, 0, bytes.length))
              .as("0x%02x at %d of %d bytes", value, at, bytes.length)
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void plainRunEndWhenSpecialByteThenLaterBytesOfItsWordDoNotMatter() {
    // The borrow of one flagged byte may flag the bytes after it: the first one must still win.
    for (int first = 0; first < 256; first++) {
      if (!special(first)) {
        continue;
      }
      for (int next = 0; next < 256; next++) {
        for (int position = 0; position < Long.BYTES - 1; position++) {
          byte[] bytes = new byte[Long.BYTES];
          Arrays.fill(bytes, (byte) 'a');
          bytes[position] = (byte) first;
          bytes[position + 1] = (byte) next;
          assertThat(JsonBytes.plainRunEnd(bytes, 0, bytes.length)).isEqualTo(position);
        }
      }
    }
  }

  @Test
  void plainRunEndWhenPlainBytesBeforeTheSpecialOneThenNoneIsFlaggedWrongly() {
    // Every plain value in every byte below the special one, for every special value.
    for (int special = 0; special < 256; special++) {
      if (!special(special)) {
        continue;
      }
      for (int plain = 0; plain < 256; plain++) {
        if (special(plain)) {
          continue;
        }
        for (int position = 1; position < Long.BYTES; position++) {
          byte[] bytes = new byte[Long.BYTES];
          Arrays.fill(bytes, (byte) plain);
          bytes[position] = (byte) special;
          assertThat(JsonBytes.plainRunEnd(bytes, 0, bytes.length))
              .as("0x%02x before 0x%02x at %d", plain, special, position)
              .isEqualTo(position);
        }
      }
    }
  }

  @Test
  void plainRunEndWhenWordsStraddleTheEndThenStopsAtTheEnd() {
    // Lengths around one and two words, special bytes at and past the end, every start.
    for (int length = 0; length <= 3 * Long.BYTES; length++) {
      for (int from = 0; from <= length; from++) {
        for (int at = 0; at <= length + 1; at++) {
          byte[] bytes = new byte[length + 2];
          Arrays.fill(bytes, (byte) 'x');
          if (at < bytes.length) {
            bytes[at] = '"';
          }
          assertThat(JsonBytes.plainRunEnd(bytes, from, length))
              .as("quote at %d, scan %d..%d", at, from, length)
              .isEqualTo(expectedEnd(bytes, from, length));
        }
      }
    }
  }

  @Test
  void plainRunEndWhenRandomBytesThenMatchesTheOneByteScan() {
    Random random = new Random(42);
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        // Mostly plain, sometimes anything.
        bytes[i] =
            random.nextInt(8) == 0
                ? (byte) random.nextInt(256)
                : (byte) (0x20 + random.nextInt(0x5F));
      }
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
      int to = from + random.nextInt(bytes.length - from + 1);
      assertThat(JsonBytes.plainRunEnd(bytes, from, to)).isEqualTo(expectedEnd(bytes, from, to));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "'abcdefgh\"', 8",
    "'abcdefghijklmnop\\\\', 16",
    "'plain text with spaces and digits 0123456789 and ~\u007f', 51",
    "'é', 0",
    "'abc\tdef', 3",
    "'', 0"
  })
  void plainRunEndWhenTextThenIndexOfItsFirstSpecialByte(String text, int expected) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertThat(JsonBytes.plainRunEnd(bytes, 0, bytes.length)).isEqualTo(expected);
  }
}
