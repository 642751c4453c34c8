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

  /**
   * Default longest number literal: 1000 characters, Jackson's own default (a NumericDate needs at
   * most about 30; the limit bounds the cost of big-number parsing).
   */
  public static final int DEFAULT_MAX_NUMBER_LENGTH = 1000;

  /**
   * Default longest string: 8192 characters, so that by default only the header size bounds a
   * string; lower it to refuse long claims inside an accepted header.
   */
  public static final int DEFAULT_MAX_STRING_LENGTH = 8192;

  /** The defaults: 8 KiB header, depth 32, 1000-character numbers, 8192-character strings. */
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
