package io.github.mwoauth.testkit.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Commands and bounded waits for the topologies' set-up and checks, on the test's thread that calls them. */
final class Poll {

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration INTERVAL = Duration.ofMillis(50);

    private Poll() {
    }

    /** One command on the server on {@code port} of {@link RedisServerExtension#HOST}, as {@link Resp} reads it. */
    static String send(int port, String... args) {
        try {
            return Resp.exchange(RedisServerExtension.HOST, port, COMMAND_TIMEOUT, args);
        } catch (IOException e) {
            throw new UncheckedIOException("no answer from " + RedisServerExtension.HOST + ":" + port + " to "
                    + args[0], e);
        }
    }

    /**
     * Until {@code condition} holds (a server that does not answer yet, or answers an error, counts as not yet),
     * polling every 50 ms.
     *
     * @return {@link System#nanoTime()} when it was first seen to hold
     * @throws IllegalStateException naming {@code what} when {@code timeout} passes first
     */
    static long until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return System.nanoTime();
                }
            } catch (UncheckedIOException | IllegalStateException | NumberFormatException notYet) {
                // not answering yet, or not as expected yet
            }
            LockSupport.parkNanos(INTERVAL.toNanos());
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while waiting for " + what);
            }
        }
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
    }
}
