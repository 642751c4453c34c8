package io.meshguard.core.payload;

/**
 * Size limits applied to a forwarded payload before and while it is parsed.
 *
 * @param maxHeaderLength the longest accepted header value, in characters
 * @param maxDepth the deepest nesting of objects and arrays; the top-level object is depth 1
 * @param maxNumberLength the longest accepted number literal, in characters
 * @param maxStringLength the longest accepted string or member name, in UTF-16 units
 * @since 0.1.0
 */
public record PayloadLimits(
    int maxHeaderLength, int maxDepth, int maxNumberLength, int maxStringLength) {

  /** Default longest header value: 8 KiB. */
  public static final int DEFAULT_MAX_HEADER_LENGTH = 8 * 1024;

  /** Default deepest nesting: 32. */
  public static final int DEFAULT_MAX_DEPTH = 32;

  /** Default longest number literal: 64 characters (a NumericDate needs at most about 30). */
  public static final int DEFAULT_MAX_NUMBER_LENGTH = 64;

  /** Default longest string: 4096 characters. */
  public static final int DEFAULT_MAX_STRING_LENGTH = 4096;

  /** The defaults: 8 KiB header, depth 32, 64-character numbers, 4096-character strings. */
  public static final PayloadLimits DEFAULTS =
      new PayloadLimits(
          DEFAULT_MAX_HEADER_LENGTH,
          DEFAULT_MAX_DEPTH,
          DEFAULT_MAX_NUMBER_LENGTH,
          DEFAULT_MAX_STRING_LENGTH);

  /**
   * Checks every limit is positive.
   *
   * @throws IllegalArgumentException when a limit is less than 1
   */
  public PayloadLimits {
    requirePositive("maxHeaderLength", maxHeaderLength);
    requirePositive("maxDepth", maxDepth);
    requirePositive("maxNumberLength", maxNumberLength);
    requirePositive("maxStringLength", maxStringLength);
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
  }
}
