package io.github.mwoauth.support;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * A concurrent map that holds at most {@code capacity} entries: adding one more drops an arbitrary entry first.
 * For values that are cheap to compute again (a CSRF token, an opened session value, a recent refresh), where
 * an unbounded map would let many users grow memory without limit. Never blocks.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class BoundedCache<K, V> {

    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
    private final int capacity;

    public BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    public @Nullable V get(K key) {
        return entries.get(key);
    }

    /** Adds or replaces; when full, first drops entries {@code stale} says are stale, then arbitrary ones. */
    public void put(K key, V value, BiPredicate<K, V> stale) {
        if (entries.size() >= capacity && !entries.containsKey(key)) {
            entries.entrySet().removeIf(e -> stale.test(e.getKey(), e.getValue()));
            Iterator<K> keys = entries.keySet().iterator();
            while (entries.size() >= capacity && keys.hasNext()) {
                keys.next();
                keys.remove();
            }
        }
        entries.put(key, value);
    }

    /** Adds or replaces; when full, an arbitrary entry makes room. */
    public void put(K key, V value) {
        put(key, value, (k, v) -> false);
    }

    /** Removes the entry of {@code key} if it still maps to {@code value}. */
    public void remove(K key, V value) {
        entries.remove(key, value);
    }
}
