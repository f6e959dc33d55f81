package io.github.mwoauth.testkit;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** The active faults: rules with a scope and a remaining count, consumed atomically as requests arrive. */
final class FaultTable {

    enum Kind { LATENCY, DROP, STATUS, MAXLAG, RATELIMITED, MALFORMED, OVERSIZED, FORGED_IDENTITY }

    static final int FOREVER = Integer.MAX_VALUE;

    record Rule(Kind kind, Set<Endpoint> scope, AtomicInteger remaining, Duration latency, int value) {

        boolean applies(Kind k, Endpoint endpoint) {
            return kind == k && scope.contains(endpoint) && remaining.get() > 0;
        }

        boolean consume() {
            while (true) {
                int left = remaining.get();
                if (left <= 0) {
                    return false;
                }
                if (left == FOREVER || remaining.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    void add(Kind kind, Set<Endpoint> scope, int times, Duration latency, int value) {
        if (times <= 0) {
            throw new IllegalArgumentException("times must be positive");
        }
        rules.add(new Rule(kind, EnumSet.copyOf(scope), new AtomicInteger(times), latency, value));
    }

    /** The sum of the latencies that apply to {@code endpoint}. */
    Duration latency(Endpoint endpoint) {
        Duration total = Duration.ZERO;
        for (Rule r : rules) {
            if (r.applies(Kind.LATENCY, endpoint)) {
                total = total.plus(r.latency());
            }
        }
        return total;
    }

    /** Takes one use of the first rule of {@code kind} that applies, or answers {@code null}. */
    @Nullable Rule take(Kind kind, Endpoint endpoint) {
        for (Rule r : rules) {
            if (r.applies(kind, endpoint) && r.consume()) {
                return r;
            }
        }
        return null;
    }

    /** Whether a rule of {@code kind} would apply, without consuming it. */
    @Nullable Rule peek(Kind kind, Endpoint endpoint) {
        for (Rule r : rules) {
            if (r.applies(kind, endpoint)) {
                return r;
            }
        }
        return null;
    }

    void clear() {
        rules.clear();
    }
}
