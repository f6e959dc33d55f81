package io.github.mwoauth.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedCacheTests {

    @Test
    void putWhenFullThenAnEntryMakesRoomAndSizeStaysBounded() {
        BoundedCache<Integer, String> cache = new BoundedCache<>(3);
        IntStream.range(0, 10).forEach(i -> cache.put(i, "v" + i));

        long present = IntStream.range(0, 10).filter(i -> cache.get(i) != null).count();
        assertThat(present).isEqualTo(3);
        assertThat(cache.get(9)).as("the newest is always kept").isEqualTo("v9");
    }

    @Test
    void putWhenFullThenStaleEntriesGoFirst() {
        BoundedCache<Integer, String> cache = new BoundedCache<>(3);
        cache.put(1, "fresh");
        cache.put(2, "stale");
        cache.put(3, "fresh");

        cache.put(4, "new", (k, v) -> v.equals("stale"));

        assertThat(cache.get(2)).isNull();
        assertThat(cache.get(1)).isEqualTo("fresh");
        assertThat(cache.get(3)).isEqualTo("fresh");
        assertThat(cache.get(4)).isEqualTo("new");
    }

    @Test
    void putWhenKeyPresentThenReplacedWithoutEviction() {
        BoundedCache<Integer, String> cache = new BoundedCache<>(2);
        cache.put(1, "a");
        cache.put(2, "b");
        cache.put(2, "c");

        assertThat(cache.get(1)).isEqualTo("a");
        assertThat(cache.get(2)).isEqualTo("c");
    }

    @Test
    void removeWhenValueChangedMeanwhileThenKept() {
        BoundedCache<String, String> cache = new BoundedCache<>(2);
        cache.put("k", "new");

        cache.remove("k", "old");
        assertThat(cache.get("k")).isEqualTo("new");
        cache.remove("k", "new");
        assertThat(cache.get("k")).isNull();
    }

    @Test
    void constructorWhenCapacityBelowOneThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BoundedCache<>(0));
    }

    @Test
    void seededRandomHexWhenDrawnThenDistinctLowerCaseHex() {
        String a = SeededRandom.hex(16);
        String b = SeededRandom.hex(16);
        assertThat(a).matches("[0-9a-f]{32}").isNotEqualTo(b);
    }
}
