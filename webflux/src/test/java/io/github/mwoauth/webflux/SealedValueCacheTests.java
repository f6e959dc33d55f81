package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SealedValueCacheTests {

    private final AtomicInteger opened = new AtomicInteger();
    private final SealedValueCache<String> cache = new SealedValueCache<>(3);

    @Test
    void openWhenSameSealedTextAgainThenOpenedOnce() {
        assertThat(cache.open("a", this::open)).contains("A");
        assertThat(cache.open("a", this::open)).contains("A");

        assertThat(opened).hasValue(1);
    }

    @Test
    void openWhenTextDoesNotOpenThenTriedEveryTimeAndNotKept() {
        assertThat(cache.open("bad", this::open)).isEmpty();
        assertThat(cache.open("bad", this::open)).isEmpty();

        assertThat(opened).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void openWhenMoreValuesThanCapacityThenAtMostCapacityKept() {
        for (String sealed : new String[] {"a", "b", "c", "d", "e"}) {
            assertThat(cache.open(sealed, this::open)).contains(sealed.toUpperCase(java.util.Locale.ROOT));
        }

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.open("e", this::open)).contains("E");
    }

    private Optional<String> open(String sealed) {
        opened.incrementAndGet();
        return sealed.equals("bad") ? Optional.empty() : Optional.of(sealed.toUpperCase(java.util.Locale.ROOT));
    }
}
