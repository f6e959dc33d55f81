package io.github.mwoauth.testsupport;

import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Proves that BlockHound watches the current JVM: every module's test JVM, where
 * {@code io.projectreactor.tools:blockhound-junit-platform} installs it before the first test:
 *
 * <pre>{@code
 * @Test
 * void blockHoundWhenTestsRunThenInstalled() {
 *     BlockHoundAssertions.assertInstalled();
 * }
 * }</pre>
 *
 * Without such a test, a dependency dropped or a JVM option missing ({@code -XX:+AllowRedefinitionToAddDeleteMethods}
 * on Java 13 and later) leaves the build green with no blocking call ever reported. Test code (it blocks on purpose),
 * shared with the other modules' tests through core's test jar.
 */
public final class BlockHoundAssertions {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String BLOCKING_ERROR = "reactor.blockhound.BlockingOperationError";

    private BlockHoundAssertions() {
    }

    /**
     * Sleeps a millisecond on a {@link Schedulers#parallel() parallel} thread, which Reactor marks non-blocking,
     * and expects BlockHound's error for it. Call it from a thread that may block (a test's own).
     *
     * @throws AssertionError if the sleep went unreported (BlockHound is not installed) or failed otherwise
     */
    public static void assertInstalled() {
        Throwable error = Mono.fromCallable(() -> {
            Thread.sleep(1);
            return "slept";
        }).subscribeOn(Schedulers.parallel()).then(Mono.<Throwable>empty()).onErrorResume(Mono::just).block(TIMEOUT);
        if (error == null) {
            throw new AssertionError("BlockHound is not installed in this JVM: Thread.sleep on a parallel scheduler "
                    + "thread went unreported (add io.projectreactor.tools:blockhound-junit-platform to the test "
                    + "dependencies and run the tests with -XX:+AllowRedefinitionToAddDeleteMethods)");
        }
        if (!error.getClass().getName().equals(BLOCKING_ERROR)
                || error.getMessage() == null || !error.getMessage().contains("Blocking call")) {
            throw new AssertionError("expected BlockHound's " + BLOCKING_ERROR + " for Thread.sleep on a parallel "
                    + "scheduler thread, got " + error, error);
        }
    }
}
