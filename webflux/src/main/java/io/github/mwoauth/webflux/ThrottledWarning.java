package io.github.mwoauth.webflux;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A warning logged at most once a second: during an outage every request fails the same way, and one line a second
 * (with the count of those logged at DEBUG since) tells the operator as much as thousands.
 */
final class ThrottledWarning {

    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Logger log;
    private final AtomicLong last = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
    private final AtomicLong quieted = new AtomicLong();

    ThrottledWarning(Logger log) {
        this.log = log;
    }

    /** Logs {@code message} (an SLF4J pattern) at WARN, or at DEBUG if a warning went out less than a second ago. */
    void log(String message, Object... arguments) {
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous >= INTERVAL_NANOS && last.compareAndSet(previous, now)) {
            long since = quieted.getAndSet(0);
            if (log.isWarnEnabled()) {
                log.warn(since == 0 ? message : message + " (and " + since + " more since the last warning, at DEBUG)",
                        arguments);
            }
        } else {
            quieted.incrementAndGet();
            log.debug(message, arguments);
        }
    }
}
