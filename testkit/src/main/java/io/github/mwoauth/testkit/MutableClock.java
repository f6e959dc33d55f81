package io.github.mwoauth.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link Clock} tests move by hand, shared between LocalWiki and a client to test time windows. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public static MutableClock at(Instant start) {
        return new MutableClock(new AtomicReference<>(Objects.requireNonNull(start, "start cannot be null")),
                ZoneOffset.UTC);
    }

    /** A clock starting at the current system time, truncated to seconds. */
    public static MutableClock startingNow() {
        return at(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
    }

    public void advance(Duration step) {
        now.updateAndGet(t -> t.plus(step));
    }

    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant cannot be null"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new MutableClock(now, newZone);
    }
}
