package io.github.mwoauth.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A login waiting for the wiki's callback, of either protocol: the key the callback names it by, the secret that
 * completes it (both from {@link LoginRedirect}), where to send the user afterwards and when it began.
 * {@link #toString()} hides the key and the secret.
 */
public record PendingLogin(String key, String secret, String next, Instant createdAt) {

    /** How far in the future a start time may lie (clocks of instances differ) before it counts as forged. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    public PendingLogin {
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(secret, "secret cannot be null");
        Objects.requireNonNull(next, "next cannot be null");
        Objects.requireNonNull(createdAt, "createdAt cannot be null");
    }

    /** Whether this login can still complete at {@code now}, given how long pending logins may wait. */
    public boolean isUsable(Instant now, Duration lifetime) {
        return createdAt.isAfter(now.minus(lifetime)) && !createdAt.isAfter(now.plus(CLOCK_SKEW));
    }

    @Override
    public String toString() {
        return "PendingLogin[next=" + next + ", createdAt=" + createdAt + ", key=<hidden>, secret=<hidden>]";
    }
}
