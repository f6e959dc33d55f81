package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Nonces are remembered for as long as their timestamp is inside the ±300 s window, and forgotten after. */
class WikiStateNonceTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-01T10:00:00Z"));
    private final WikiState state = new WikiState(clock);
    private final long now = clock.instant().getEpochSecond();

    @Test
    void aNonceIsRejectedAgainPerConsumerAndTokenWhileItsTimestampIsInTheWindow() {
        assertThat(state.useNonce("ck", "tok", "n1", now)).isTrue();
        assertThat(state.useNonce("ck", "tok", "n1", now)).isFalse();
        assertThat(state.useNonce("ck", "other", "n1", now)).isTrue();
        assertThat(state.useNonce("ck2", "tok", "n1", now)).isTrue();
        assertThat(state.useNonce("ck", null, "n1", now)).isTrue();

        clock.advance(Duration.ofSeconds(299));
        assertThat(state.useNonce("ck", "tok", "n1", now)).isFalse();
    }

    @Test
    void manyNoncesInsideTheWindowAreAllKept() {
        for (int i = 0; i < 25_000; i++) {
            assertThat(state.useNonce("ck", "tok", "n" + i, now)).isTrue();
            if (i % 5_000 == 0) {
                clock.advance(Duration.ofSeconds(1));
            }
        }

        assertThat(state.rememberedNonces()).isEqualTo(25_000);
        assertThat(state.useNonce("ck", "tok", "n0", now)).isFalse();
        assertThat(state.useNonce("ck", "tok", "n24999", now)).isFalse();
    }

    @Test
    void noncesWhoseTimestampLeftTheWindowAreForgotten() {
        for (int i = 0; i < 100; i++) {
            state.useNonce("ck", "tok", "old" + i, now);
        }
        clock.advance(Duration.ofSeconds(301));

        state.useNonce("ck", "tok", "fresh", clock.instant().getEpochSecond());

        assertThat(state.rememberedNonces()).isEqualTo(1);
    }

    @Test
    void aNonceIsKeptForItsOwnWindowWhateverCameBeforeIt() {
        state.useNonce("ck", "tok", "older", now - 200);
        state.useNonce("ck", "tok", "newer", now);
        state.useNonce("ck", "tok", "oldest", now - 250);

        clock.advance(Duration.ofSeconds(101));
        state.useNonce("ck", "tok", "tick", clock.instant().getEpochSecond());

        assertThat(state.useNonce("ck", "tok", "newer", now)).isFalse();
        // "older" left; "oldest" waits behind "newer" (a reuse of it is refused by its timestamp)
        assertThat(state.rememberedNonces()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(200));
        state.useNonce("ck", "tok", "tock", clock.instant().getEpochSecond());

        assertThat(state.rememberedNonces()).as("tick and tock").isEqualTo(2);
        assertThat(state.useNonce("ck", "tok", "newer", now)).isTrue();
    }
}
