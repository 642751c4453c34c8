package io.meshguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class DirectMappedCacheTests {

  @Test
  void getWhenPutBeforeThenReturnsItForAnEqualKeyOnly() {
    DirectMappedCache<Integer> cache = new DirectMappedCache<>(16);
    String key = "eyJpc3MiOiJhIn0".repeat(10);
    cache.put(key, 1);
    assertThat(cache.get(new String(key.toCharArray()))).isEqualTo(1);
    assertThat(cache.get(key + "x")).isNull();
    assertThat(cache.get("")).isNull();
  }

  @Test
  void putWhenManyKeysThenMemoryStaysBoundedAndEveryHitIsExact() {
    DirectMappedCache<String> cache = new DirectMappedCache<>(64);
    for (int i = 0; i < 10_000; i++) {
      cache.put("key-" + i, "value-" + i);
    }
    assertThat(cache.capacity()).isEqualTo(64);
    int hits = 0;
    for (int i = 0; i < 10_000; i++) {
      String value = cache.get("key-" + i);
      if (value != null) {
        assertThat(value).isEqualTo("value-" + i);
        hits++;
      }
    }
    assertThat(hits).isBetween(1, 64);
  }

  @Test
  void capacityWhenZeroThenDisabled() {
    DirectMappedCache<String> cache = new DirectMappedCache<>(0);
    cache.put("a", "b");
    assertThat(cache.get("a")).isNull();
    assertThat(cache.capacity()).isZero();
    assertThat(new DirectMappedCache<>(1000).capacity()).isEqualTo(1024);
    assertThat(new DirectMappedCache<>(1).capacity()).isEqualTo(1);
    assertThatIllegalArgumentException().isThrownBy(() -> new DirectMappedCache<>(-1));
  }
}
