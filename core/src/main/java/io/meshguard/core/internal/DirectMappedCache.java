package io.meshguard.core.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * A bounded, lock-free cache from header values to immutable results: each key has exactly one
 * slot, and a new entry simply replaces whatever shared it. Lookups compare the whole key, so a
 * colliding (even crafted) key can only evict, never be mistaken for another. Memory is bounded by
 * the slot count times the longest accepted key.
 *
 * <p>The slot is chosen by a hash sampled from up to 128 characters spread evenly over the key:
 * header values arrive as new strings on every request, and hashing all of an 8 KiB value would
 * cost more than the lookup saves. The samples must be dense enough to land in the short runs in
 * which two tokens differ: two users' ~900-character payload headers differ in their {@code sub},
 * {@code jti}, {@code iat} and little else, a few runs of 7 to 50 characters. With 32 samples
 * (every 27th character) 8,192 such tokens shared 20 of 1,024 slots; with 128 (every 6th) they
 * spread over the table as a full hash would (the benchmarks' {@code HighCardinality}).
 *
 * @param <V> the immutable value type
 */
public final class DirectMappedCache<V> {

  private static final int SAMPLES = 128;

  private final @Nullable AtomicReferenceArray<Entry<V>> slots;
  private final int mask;

  private static final class Entry<V> {
    final String key;
    final V value;

    Entry(String key, V value) {
      this.key = key;
      this.value = value;
    }
  }

  /**
   * A cache of at least {@code capacity} slots (rounded up to a power of two); 0 disables caching.
   *
   * @throws IllegalArgumentException for a negative capacity or one above 2^20
   */
  public DirectMappedCache(int capacity) {
    checkCapacity(capacity);
    int size = capacity == 0 ? 0 : Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
    if (capacity == 1) {
      size = 1;
    }
    this.slots = size == 0 ? null : new AtomicReferenceArray<>(size);
    this.mask = size - 1;
  }

  /**
   * Checks a capacity.
   *
   * @throws IllegalArgumentException for a negative capacity or one above 2^20
   */
  public static void checkCapacity(int capacity) {
    if (capacity < 0 || capacity > 1 << 20) {
      throw new IllegalArgumentException("A cache capacity lies between 0 and 1048576");
    }
  }

  /** The value cached for exactly {@code key}, or {@code null}. */
  public @Nullable V get(String key) {
    if (slots == null) {
      return null;
    }
    Entry<V> entry = slots.get(slot(key));
    return entry != null && entry.key.equals(key) ? entry.value : null;
  }

  /** Caches {@code value} for {@code key}, replacing whatever shared the slot. */
  public void put(String key, V value) {
    if (slots != null) {
      slots.set(slot(key), new Entry<>(key, value));
    }
  }

  /** The number of slots (0 when disabled). */
  public int capacity() {
    return slots == null ? 0 : slots.length();
  }

  private int slot(String key) {
    int length = key.length();
    int h = length;
    int step = Math.max(1, length / SAMPLES);
    for (int i = length - 1, taken = 0; i >= 0 && taken < SAMPLES; i -= step, taken++) {
      h = 31 * h + key.charAt(i);
    }
    h ^= h >>> 16;
    return h & mask;
  }
}
