package io.github.mwoauth.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CapacityTests {

    @Test
    void atLeastWhenRoomEnoughThenSameArray() {
        byte[] bytes = {1, 2, 3};
        int[] ints = new int[4];
        long[] longs = new long[5];

        assertThat(Capacity.atLeast(bytes, 3)).isSameAs(bytes);
        assertThat(Capacity.atLeast(bytes, 0)).isSameAs(bytes);
        assertThat(Capacity.atLeast(ints, 4)).isSameAs(ints);
        assertThat(Capacity.atLeast(longs, 5)).isSameAs(longs);
    }

    @Test
    void atLeastWhenShortThenDoubledCopyKeepingTheContent() {
        assertThat(Capacity.atLeast(new byte[] {7, 8}, 3)).containsExactly(7, 8, 0, 0);
        assertThat(Capacity.atLeast(new int[] {7, 8}, 3)).containsExactly(7, 8, 0, 0);
        assertThat(Capacity.atLeast(new long[] {7, 8}, 3)).containsExactly(7, 8, 0, 0);
    }

    @Test
    void atLeastWhenFarShortThenExactlyWhatIsNeeded() {
        assertThat(Capacity.atLeast(new byte[2], 9)).hasSize(9);
        assertThat(Capacity.atLeast(new int[2], 9)).hasSize(9);
        assertThat(Capacity.atLeast(new long[2], 9)).hasSize(9);
        assertThat(Capacity.atLeast(new byte[0], 1)).hasSize(1);
    }
}
