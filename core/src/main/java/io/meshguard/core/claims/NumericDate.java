package io.meshguard.core.claims;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 7519 NumericDate: seconds since the epoch, possibly fractional, in {@code [0, 2^63-1]}.
 *
 * <p>Comparisons with an {@link Instant} never overflow, so {@code 2^63-1} is simply far in the
 * future. Immutable.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-2">RFC 7519 §2, NumericDate</a>
 * @since 0.1.0
 */
public final class NumericDate implements Comparable<NumericDate> {

  private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private final long epochSecond;
  private final int nano;

  private NumericDate(long epochSecond, int nano) {
    this.epochSecond = epochSecond;
    this.nano = nano;
  }

  /**
   * A whole number of seconds since the epoch.
   *
   * @throws IllegalArgumentException when negative
   */
  public static NumericDate ofEpochSecond(long epochSecond) {
    if (epochSecond < 0) {
      throw new IllegalArgumentException("A NumericDate cannot be negative");
    }
    return new NumericDate(epochSecond, 0);
  }

  /**
   * The NumericDate a JSON number stands for: a {@link Long}, {@link java.math.BigInteger} or
   * {@link BigDecimal} (other {@link Number} types are read through {@link BigDecimal}).
   *
   * @throws IllegalArgumentException when the number lies outside {@code [0, 2^63-1]}
   */
  public static NumericDate of(Number number) {
    Objects.requireNonNull(number, "number");
    if (number instanceof Long || number instanceof Integer) {
      return ofEpochSecond(number.longValue());
    }
    BigDecimal value =
        number instanceof BigDecimal
            ? (BigDecimal) number
            : number instanceof java.math.BigInteger
                ? new BigDecimal((java.math.BigInteger) number)
                : new BigDecimal(number.toString());
    if (value.signum() < 0 || value.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("A NumericDate must lie in [0, 2^63-1]");
    }
    if (value.signum() == 0) {
      return new NumericDate(0, 0);
    }
    if (value.compareTo(BigDecimal.ONE) < 0) {
      // Below one second: avoid rescaling a number like 1e-999999, which would take a long time.
      boolean belowOneNano = value.scale() - value.precision() >= 9;
      return new NumericDate(0, belowOneNano ? 0 : value.movePointRight(9).intValue());
    }
    // Here 1 <= value <= 2^63-1, so its scale is bounded by the literal's length.
    long seconds = value.longValue();
    int nanos = value.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).intValue();
    return new NumericDate(seconds, nanos);
  }

  /** Whole seconds since the epoch. */
  public long epochSecond() {
    return epochSecond;
  }

  /** The fraction of the second, in nanoseconds, truncated. */
  public int nano() {
    return nano;
  }

  /** Whether this date is strictly after {@code instant}; exact, never overflowing. */
  public boolean isAfter(Instant instant) {
    return compareTo(instant) > 0;
  }

  /** Whether this date is strictly before {@code instant}; exact, never overflowing. */
  public boolean isBefore(Instant instant) {
    return compareTo(instant) < 0;
  }

  /** Compares with the instant {@code epochSecond} + {@code nano} nanoseconds. */
  int compareTo(long epochSecond, int nano) {
    int bySecond = Long.compare(this.epochSecond, epochSecond);
    return bySecond != 0 ? bySecond : Integer.compare(this.nano, nano);
  }

  private int compareTo(Instant instant) {
    int bySecond = Long.compare(epochSecond, instant.getEpochSecond());
    return bySecond != 0 ? bySecond : Integer.compare(nano, instant.getNano());
  }

  @Override
  public int compareTo(NumericDate other) {
    int bySecond = Long.compare(epochSecond, other.epochSecond);
    return bySecond != 0 ? bySecond : Integer.compare(nano, other.nano);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof NumericDate
        && ((NumericDate) other).epochSecond == epochSecond
        && ((NumericDate) other).nano == nano;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(epochSecond) * 31 + nano;
  }

  /** The seconds, with the fraction when there is one (for example {@code 1700000000.5}). */
  @Override
  public String toString() {
    if (nano == 0) {
      return Long.toString(epochSecond);
    }
    return BigDecimal.valueOf(epochSecond)
        .add(BigDecimal.valueOf(nano, 9))
        .stripTrailingZeros()
        .toPlainString();
  }
}
