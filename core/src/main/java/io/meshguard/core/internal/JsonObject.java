package io.meshguard.core.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, insertion-ordered JSON object as read from a payload.
 *
 * <p>Backed by two arrays rather than hash entries: a forwarded payload has a dozen or so members,
 * where a linear scan beats hashing and allocates nothing per member. Objects with many members get
 * a hash index, so hostile input with thousands of keys stays linear.
 */
public final class JsonObject extends AbstractMap<String, @Nullable Object> {

  /** Up to this many members a linear scan (of canonicalised names) beats hashing. */
  private static final int INDEX_THRESHOLD = 32;

  private static final JsonObject EMPTY =
      new JsonObject(new String[0], new int[0], new Object[0], 0, null);

  private final String[] keys;
  private final int[] hashes;
  private final @Nullable Object[] values;
  private final int size;
  private final @Nullable Map<String, Integer> index;

  private JsonObject(
      String[] keys,
      int[] hashes,
      @Nullable Object[] values,
      int size,
      @Nullable Map<String, Integer> index) {
    this.keys = keys;
    this.hashes = hashes;
    this.values = values;
    this.size = size;
    this.index = index;
  }

  /** An empty object. */
  public static JsonObject empty() {
    return EMPTY;
  }

  private int indexOf(@Nullable Object key) {
    if (index != null) {
      Integer at = index.get(key);
      return at == null ? -1 : at;
    }
    if (!(key instanceof String)) {
      return -1;
    }
    // Hashes first: names and the strings looked up are long-lived, so their hash codes are cached.
    int hash = key.hashCode();
    for (int i = 0; i < size; i++) {
      if (hashes[i] == hash && keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public @Nullable Object get(@Nullable Object key) {
    int at = indexOf(key);
    return at < 0 ? null : values[at];
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return size;
  }

  /** The name of member {@code i} (0-based, in order); no allocation. */
  public String keyAt(int i) {
    return keys[i];
  }

  /** The value of member {@code i} (0-based, in order); no allocation. */
  public @Nullable Object valueAt(int i) {
    return values[i];
  }

  @Override
  public Set<Entry<String, @Nullable Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, @Nullable Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Entry<String, @Nullable Object> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int at = next++;
            return new SimpleImmutableEntry<>(keys[at], values[at]);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  /** Collects members in order and detects duplicate names. Not thread-safe; used once. */
  public static final class Builder {
    private String[] keys;
    private int[] hashes;
    private @Nullable Object[] values;
    private int size;
    private @Nullable Map<String, Integer> index;

    /** A builder for an object of about eight members. */
    public Builder() {
      this(8);
    }

    /** A builder expecting about {@code capacity} members (it grows as needed). */
    public Builder(int capacity) {
      keys = new String[Math.max(1, capacity)];
      hashes = new int[keys.length];
      values = new Object[keys.length];
    }

    /**
     * Adds a member.
     *
     * @return {@code false} (and adds nothing) when {@code key} is already present
     */
    public boolean add(String key, @Nullable Object value) {
      int hash = key.hashCode();
      if (index != null) {
        if (index.putIfAbsent(key, size) != null) {
          return false;
        }
      } else {
        for (int i = 0; i < size; i++) {
          if (hashes[i] == hash && keys[i].equals(key)) {
            return false;
          }
        }
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        hashes = Arrays.copyOf(hashes, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      keys[size] = key;
      hashes[size] = hash;
      values[size] = value;
      size++;
      if (index == null && size == INDEX_THRESHOLD) {
        index = new HashMap<>(INDEX_THRESHOLD * 4);
        for (int i = 0; i < size; i++) {
          index.put(keys[i], i);
        }
      }
      return true;
    }

    /** The object built so far. */
    public JsonObject build() {
      return size == 0 ? EMPTY : new JsonObject(keys, hashes, values, size, index);
    }
  }
}
