package io.meshguard.core.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
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
 *
 * <p>A string value may be held as its span in the source bytes and turned into a {@link String}
 * only when first read ({@link Builder#addString}): most claims of a payload are never read. The
 * reader has validated the span already, so reading it cannot fail; the result is cached in a racy
 * but idempotent way (like {@link String#hashCode()}): every thread computes the same immutable
 * {@link String}.
 */
public final class JsonObject extends AbstractMap<String, @Nullable Object> {

  /** Up to this many members a linear scan (of canonicalised names) beats hashing. */
  private static final int INDEX_THRESHOLD = 32;

  /** Marks a value still held as a span of {@link #source}. */
  private static final Object UNREAD = new Object();

  private static final JsonObject EMPTY =
      new JsonObject(new String[0], new Object[0], 0, null, null, null, null);

  private final String[] keys;
  private final @Nullable Object[] values;
  private final int size;
  private final @Nullable Map<String, Integer> index;
  private final byte @Nullable [] source;
  private final int @Nullable [] spans;
  private final JsonText.@Nullable Source containers;

  private JsonObject(
      String[] keys,
      @Nullable Object[] values,
      int size,
      @Nullable Map<String, Integer> index,
      byte @Nullable [] source,
      int @Nullable [] spans,
      JsonText.@Nullable Source containers) {
    this.keys = keys;
    this.values = values;
    this.size = size;
    this.index = index;
    this.source = source;
    this.spans = spans;
    this.containers = containers;
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
      if (keys[i].hashCode() == hash && keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public @Nullable Object get(@Nullable Object key) {
    int at = indexOf(key);
    return at < 0 ? null : valueAt(at);
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

  /** The value of member {@code i} (0-based, in order); a string is made on its first read. */
  public @Nullable Object valueAt(int i) {
    if (i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
    Object value = values[i];
    if (value == UNREAD) {
      int start = spans[2 * i];
      int end = spans[2 * i + 1];
      value =
          (end & JsonText.CONTAINER) != 0
              ? containers.container(source, start)
              : JsonText.string(source, start, end);
      values[i] = value;
    }
    return value;
  }

  /** Whether member {@code i} is a string, read or not (telling costs no allocation). */
  public boolean isString(int i) {
    Object value = values[i];
    return value instanceof String
        || (value == UNREAD && (spans[2 * i + 1] & JsonText.CONTAINER) == 0);
  }

  /**
   * Whether member {@code i} is a string or an array of strings, read or not (an unread array is
   * scanned, not built).
   */
  public boolean isStringOrStrings(int i) {
    Object value = values[i];
    if (value == UNREAD) {
      int end = spans[2 * i + 1];
      int start = spans[2 * i];
      return (end & JsonText.CONTAINER) == 0
          || (source[start] == '[' && JsonText.isStringArray(source, start));
    }
    if (value instanceof List) {
      for (Object item : (List<?>) value) {
        if (!(item instanceof String)) {
          return false;
        }
      }
      return true;
    }
    return value instanceof String;
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
            return new SimpleImmutableEntry<>(keys[at], valueAt(at));
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
    private @Nullable Object[] values;
    private int size;
    private @Nullable Map<String, Integer> index;
    private byte @Nullable [] source;
    private int @Nullable [] spans;
    private JsonText.@Nullable Source containers;

    /** A builder for an object of about eight members. */
    public Builder() {
      this(8);
    }

    /** A builder expecting about {@code capacity} members (it grows as needed). */
    public Builder(int capacity) {
      keys = new String[Math.max(1, capacity)];
      values = new Object[keys.length];
    }

    /**
     * Adds a member.
     *
     * @return {@code false} (and adds nothing) when {@code key} is already present
     */
    public boolean add(String key, @Nullable Object value) {
      return put(key, value);
    }

    /**
     * Adds a member whose string value is read from {@code source} when first asked for.
     *
     * @param source the document's bytes, the same for every such member of this object
     * @param start the index just after the opening quote
     * @param endAndFlags the index of the closing quote with the {@link JsonText} flags
     * @return {@code false} (and adds nothing) when {@code key} is already present
     */
    public boolean addString(String key, byte[] source, int start, int endAndFlags) {
      return addUnread(key, source, start, endAndFlags);
    }

    /**
     * Adds a member whose object or array value {@code containers} builds when first asked for.
     *
     * @param source the document's bytes, the same for every such member of this object
     * @param start the index of the value's opening brace or bracket
     * @param containers builds the value; the same for every such member of this object
     * @return {@code false} (and adds nothing) when {@code key} is already present
     */
    public boolean addContainer(String key, byte[] source, int start, JsonText.Source containers) {
      if (this.containers != null && this.containers != containers) {
        throw new IllegalArgumentException("one container source per object");
      }
      this.containers = containers;
      return addUnread(key, source, start, JsonText.CONTAINER);
    }

    private boolean addUnread(String key, byte[] source, int start, int endAndFlags) {
      if (this.source != null && this.source != source) {
        throw new IllegalArgumentException("one source per object");
      }
      if (!put(key, UNREAD)) {
        return false;
      }
      this.source = source;
      int[] current = spans;
      if (current == null || current.length < 2 * keys.length) {
        current =
            current == null ? new int[2 * keys.length] : Arrays.copyOf(current, 2 * keys.length);
        spans = current;
      }
      current[2 * (size - 1)] = start;
      current[2 * (size - 1) + 1] = endAndFlags;
      return true;
    }

    private boolean put(String key, @Nullable Object value) {
      int hash = key.hashCode();
      if (index != null) {
        if (index.putIfAbsent(key, size) != null) {
          return false;
        }
      } else {
        for (int i = 0; i < size; i++) {
          if (keys[i].hashCode() == hash && keys[i].equals(key)) {
            return false;
          }
        }
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      keys[size] = key;
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
      return size == 0
          ? EMPTY
          : new JsonObject(keys, values, size, index, source, spans, containers);
    }

    /**
     * The object built so far, in arrays of exactly its size, and this builder emptied for the next
     * object: a reader reuses one builder as scratch space and allocates only the result.
     */
    public JsonObject buildAndReset() {
      JsonObject object =
          size == 0
              ? EMPTY
              : new JsonObject(
                  Arrays.copyOf(keys, size),
                  Arrays.copyOf(values, size),
                  size,
                  index,
                  source,
                  spans == null ? null : Arrays.copyOf(spans, 2 * size),
                  containers);
      Arrays.fill(keys, 0, size, null);
      Arrays.fill(values, 0, size, null);
      size = 0;
      index = null;
      source = null;
      containers = null;
      return object;
    }
  }
}
