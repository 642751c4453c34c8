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

  private static final int INDEX_THRESHOLD = 8;
  private static final JsonObject EMPTY = new JsonObject(new String[0], new Object[0], 0, null);

  private final String[] keys;
  private final @Nullable Object[] values;
  private final int size;
  private final @Nullable Map<String, Integer> index;

  private JsonObject(
      String[] keys, @Nullable Object[] values, int size, @Nullable Map<String, Integer> index) {
    this.keys = keys;
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
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
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
    private String[] keys = new String[INDEX_THRESHOLD];
    private @Nullable Object[] values = new Object[INDEX_THRESHOLD];
    private int size;
    private @Nullable Map<String, Integer> index;

    /**
     * Adds a member.
     *
     * @return {@code false} (and adds nothing) when {@code key} is already present
     */
    public boolean add(String key, @Nullable Object value) {
      if (index != null) {
        if (index.putIfAbsent(key, size) != null) {
          return false;
        }
      } else {
        for (int i = 0; i < size; i++) {
          if (keys[i].equals(key)) {
            return false;
          }
        }
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        values = Arrays.copyOf(values, size * 2);
        if (index == null) {
          index = new HashMap<>(size * 4);
          for (int i = 0; i < size; i++) {
            index.put(keys[i], i);
          }
          index.put(key, size);
        }
      }
      keys[size] = key;
      values[size] = value;
      size++;
      return true;
    }

    /** The object built so far. */
    public JsonObject build() {
      return size == 0 ? EMPTY : new JsonObject(keys, values, size, index);
    }
  }
}
