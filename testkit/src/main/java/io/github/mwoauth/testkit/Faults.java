package io.github.mwoauth.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Fault injection for the endpoints of one scope, from {@link LocalWiki#faults(Endpoint...)}. Every method
 * adds a rule and returns this object so rules chain; {@link LocalWiki#clearFaults()} removes them all.
 */
public final class Faults {

    private final FaultTable table;
    private final Set<Endpoint> scope;

    Faults(FaultTable table, Set<Endpoint> scope) {
        this.table = table;
        this.scope = scope;
    }

    /** Delays every response in scope by {@code delay} (non-blocking, {@code Mono.delay}) until cleared. */
    public Faults latency(Duration delay) {
        Objects.requireNonNull(delay, "delay cannot be null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay cannot be negative");
        }
        table.add(FaultTable.Kind.LATENCY, scope, FaultTable.FOREVER, delay, 0);
        return this;
    }

    /** Answers every request in scope with HTTP {@code status} (e.g. 503) and a small HTML body. */
    public Faults status(int status) {
        return status(status, FaultTable.FOREVER);
    }

    /** Answers the next {@code times} requests in scope with HTTP {@code status}. */
    public Faults status(int status, int times) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        table.add(FaultTable.Kind.STATUS, scope, times, Duration.ZERO, status);
        return this;
    }

    /**
     * Reports replication lag of {@code lagSeconds} to the next {@code times} api.php requests that carry a
     * {@code maxlag} parameter smaller than the lag, as a real wiki does: HTTP 200, API error {@code maxlag},
     * headers {@code Retry-After} (at least 5) and {@code X-Database-Lag}. Requests without {@code maxlag} are
     * served normally and do not use up the count. Only api.php is affected.
     */
    public Faults maxlag(int lagSeconds, int times) {
        if (lagSeconds < 1) {
            throw new IllegalArgumentException("lagSeconds must be positive");
        }
        table.add(FaultTable.Kind.MAXLAG, scope, times, Duration.ZERO, lagSeconds);
        return this;
    }

    /**
     * Answers the next {@code times} api.php requests with the API error {@code ratelimited} ("You've exceeded your
     * rate limit. Please wait some time and try again."), HTTP 200 with the {@code MediaWiki-API-Error} header, in
     * the format the request asks for, as a wiki does when {@code User::pingLimiter} trips. Only api.php is
     * affected.
     */
    public Faults ratelimited(int times) {
        table.add(FaultTable.Kind.RATELIMITED, scope, times, Duration.ZERO, 0);
        return this;
    }

    /**
     * Mangles the body of the next {@code times} responses in scope: identify answers a truncated JWT (when it
     * would have answered one), everything else answers garbage text with the usual status and Content-Type.
     */
    public Faults malformed(int times) {
        table.add(FaultTable.Kind.MALFORMED, scope, times, Duration.ZERO, 0);
        return this;
    }

    /**
     * Answers the next {@code times} requests in scope with a body of {@code bytes} bytes (a JSON object holding a
     * long string: valid JSON, so only its size is wrong), with the usual status and headers. For tests that a
     * client bounds what it reads; the body is made anew for each answer.
     */
    public Faults oversized(int bytes, int times) {
        if (bytes < 16) {
            throw new IllegalArgumentException("bytes must be at least 16");
        }
        table.add(FaultTable.Kind.OVERSIZED, scope, times, Duration.ZERO, bytes);
        return this;
    }

    /**
     * Answers the next {@code times} identify requests with a JWT forged as {@code forgery} says, instead of the
     * genuine one (only identify answers that would carry a JWT are affected, whatever the scope).
     */
    public Faults forgedIdentity(IdentityForgery forgery, int times) {
        Objects.requireNonNull(forgery, "forgery cannot be null");
        table.add(FaultTable.Kind.FORGED_IDENTITY, Set.of(Endpoint.IDENTIFY), times, Duration.ZERO, forgery.ordinal());
        return this;
    }

    /** {@code {"padding":"xxx..."}}, {@code bytes} long. */
    static byte[] padding(int bytes) {
        byte[] body = new byte[bytes];
        java.util.Arrays.fill(body, (byte) 'x');
        byte[] open = "{\"padding\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(open, 0, body, 0, open.length);
        body[bytes - 2] = '"';
        body[bytes - 1] = '}';
        return body;
    }

    /** Closes the connection of the next {@code times} requests in scope without any response. */
    public Faults dropConnection(int times) {
        table.add(FaultTable.Kind.DROP, scope, times, Duration.ZERO, 0);
        return this;
    }
}
