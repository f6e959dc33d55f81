package io.github.mwoauth.support;

import java.util.Arrays;

/**
 * Growing the reusable arrays of the hot paths: an array is kept while it has the room needed, and otherwise
 * replaced by a copy at least twice as long, so that appending stays amortised constant time.
 */
public final class Capacity {

    private Capacity() {
    }

    /** {@code array} itself when it holds {@code needed} elements, else a longer copy. */
    public static byte[] atLeast(byte[] array, int needed) {
        return needed <= array.length ? array : Arrays.copyOf(array, grown(array.length, needed));
    }

    /** {@code array} itself when it holds {@code needed} elements, else a longer copy. */
    public static int[] atLeast(int[] array, int needed) {
        return needed <= array.length ? array : Arrays.copyOf(array, grown(array.length, needed));
    }

    /** {@code array} itself when it holds {@code needed} elements, else a longer copy. */
    public static long[] atLeast(long[] array, int needed) {
        return needed <= array.length ? array : Arrays.copyOf(array, grown(array.length, needed));
    }

    /** The length of a grown array: double the current one, or what is needed when that is more. */
    static int grown(int length, int needed) {
        return Math.max(2 * length, needed);
    }
}
