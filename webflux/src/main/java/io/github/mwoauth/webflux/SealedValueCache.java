package io.github.mwoauth.webflux;

import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What sealed session values opened to, by the sealed text, in memory, at most {@code capacity} of them (beyond
 * that, an arbitrary entry makes room). Opening is a pure function of the key, the purpose and the sealed text,
 * so an entry answers exactly as opening again would; only values that opened are kept, so text that does not
 * open (tampered, another key) is opened, and refused, every time. A logged-in user's requests then skip the
 * AES-GCM decryption and the decoding of the same attribute on every request.
 */
final class SealedValueCache<V> {

    private final ConcurrentHashMap<String, V> values = new ConcurrentHashMap<>();
    private final int capacity;

    SealedValueCache(int capacity) {
        this.capacity = capacity;
    }

    /** The value {@code sealed} opens to: from the cache, or from {@code opener}, whose result is kept. */
    Optional<V> open(String sealed, Function<String, Optional<V>> opener) {
        V cached = values.get(sealed);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<V> opened = opener.apply(sealed);
        opened.ifPresent(value -> put(sealed, value));
        return opened;
    }

    private void put(String sealed, V value) {
        if (values.size() >= capacity) {
            Iterator<String> keys = values.keySet().iterator();
            if (keys.hasNext()) {
                values.remove(keys.next());
            }
        }
        values.put(sealed, value);
    }

    int size() {
        return values.size();
    }
}
