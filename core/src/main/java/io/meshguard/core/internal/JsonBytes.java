package io.meshguard.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds, eight bytes at a time, where a run of plain string content ends in JSON bytes: the first
 * byte that a string scanner must look at on its own. Plain content is printable ASCII other than
 * the quote and the backslash, {@code 0x20..0x7E} without {@code "} and {@code \}, and also {@code
 * 0x7F}; a quote ends the string, a backslash starts an escape, a byte below {@code 0x20} is an
 * unescaped control character (an error) and a byte from {@code 0x80} is part of a UTF-8 sequence.
 * So this only skips: every byte it does not skip is still checked by its caller.
 *
 * <p>Each step reads one little-endian {@code long} (through a {@link VarHandle} byte-array view,
 * so bounds are checked) and flags every byte that is special with the SWAR ("SIMD within a
 * register") tests for a zero byte and a byte below a bound. Their borrows can flag a byte wrongly,
 * but only one above (after) a byte that is truly special, so the lowest flag is always exact.
 */
public final class JsonBytes {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';
  private static final long SPACES = ONES * 0x20;

  private JsonBytes() {}

  /**
   * The index of the first byte at or after {@code from} and before {@code to} that is a quote, a
   * backslash, below {@code 0x20} or from {@code 0x80}; {@code to} when there is none.
   *
   * @param bytes the JSON bytes
   * @param from the first index to look at, {@code 0 <= from}
   * @param to the index to stop at, {@code to <= bytes.length}
   */
  public static int plainRunEnd(byte[] bytes, int from, int to) {
    int at = from;
    for (; at + Long.BYTES <= to; at += Long.BYTES) {
      long special = special((long) LONGS.get(bytes, at));
      if (special != 0) {
        return at + (Long.numberOfTrailingZeros(special) >>> 3);
      }
    }
    for (; at < to; at++) {
      if (isSpecial(bytes[at])) {
        return at;
      }
    }
    return to;
  }

  /**
   * The special bytes of {@code word} (eight bytes, the first one lowest): the high bit of each
   * byte that is a quote, a backslash, below {@code 0x20} or from {@code 0x80}, exact up to and
   * including the lowest one flagged; bytes above it may be flagged wrongly.
   */
  static long special(long word) {
    long quote = word ^ QUOTES; // a zero byte where word has a quote
    long backslash = word ^ BACKSLASHES;
    long zeroQuote = (quote - ONES) & ~quote;
    long zeroBackslash = (backslash - ONES) & ~backslash;
    // Below 0x20: subtracting 0x20 borrows into the high bit; ~word drops bytes from 0x80, which
    // "| word" flags anyway.
    long control = (word - SPACES) & ~word;
    return (zeroQuote | zeroBackslash | control | word) & HIGH_BITS;
  }

  /** The one-byte form of the test {@link #plainRunEnd} makes eight bytes at a time. */
  static boolean isSpecial(byte b) {
    return b == '"' || b == '\\' || (b & 0xFF) < 0x20 || b < 0;
  }
}
