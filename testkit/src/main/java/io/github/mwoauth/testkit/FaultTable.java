package io.github.mwoauth.testkit;

import java.nio.charset.StandardCharsets;
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

    private static final String GARBAGE = "<br />\n<b>Fatal error</b>:  Allowed memory size of 134217728 bytes "
            + "exhausted (tried to allocate 20480 bytes) in <b>/var/www/w/includes/Setup.php</b> on line <b>42</b>"
            + "<br />\n";

    /** Whether a request's {@code maxlag} asks to yield to {@code lag} seconds of replica lag. */
    static boolean exceedsMaxlag(@Nullable String maxlag, int lag) {
        if (maxlag == null) {
            return false;
        }
        try {
            return Integer.parseInt(maxlag.strip()) < lag;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A malformed answer: identify's JWT cut in half, anything else a PHP fatal error page. */
    static WikiResponse mangle(Endpoint endpoint, WikiResponse out) {
        String body = out.bodyText();
        if (endpoint == Endpoint.IDENTIFY && !body.startsWith("{") && body.indexOf('.') > 0) {
            return out.withBody(body.substring(0, body.length() / 2).getBytes(StandardCharsets.US_ASCII));
        }
        return out.withBody(GARBAGE.getBytes(StandardCharsets.UTF_8));
    }
}
