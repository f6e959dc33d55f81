package io.github.mwoauth.demo.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Four clients logging new users in through nginx, then reading their pages, until stopped. A login that meets
 * the 503 page (the session store unreachable) on any step is begun again from {@code /login}, as a user would,
 * until it completes or 20 s pass; any other failure ends it. Each client waits {@code pause} between two logins.
 */
final class Logins {

    /** One login: when it began and ended, how many attempts it took, and why it did not complete (or null). */
    static final class Login {
        final ScriptedUser user;
        final long began = System.nanoTime();
        long ended;
        int attempts;
        String failure;

        Login(ScriptedUser user) {
            this.user = user;
        }

        /** Whether it was under way at {@code nanos} ({@link System#nanoTime()}). */
        boolean spans(long nanos) {
            return began < nanos && ended > nanos;
        }
    }

    private final ConcurrentLinkedQueue<Login> done = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService workers = Executors.newFixedThreadPool(4);

    Logins(Crowd crowd, String app, Duration pause) {
        for (int t = 0; t < 4; t++) {
            workers.submit(() -> {
                while (running.get()) {
                    Login login = new Login(crowd.newUsers(1).get(0));
                    long deadline = login.began + Duration.ofSeconds(20).toNanos();
                    while (login.attempts == 0 || login.failure != null && System.nanoTime() < deadline
                            && login.failure.contains(" 503")) {
                        login.attempts++;
                        try {
                            login.user.logIn(app);
                            login.failure = Crowd.checkPages(login.user, app);
                        } catch (RuntimeException e) {
                            login.failure = e.getMessage();
                            Ports.sleep(Duration.ofMillis(100));
                        }
                    }
                    login.ended = System.nanoTime();
                    done.add(login);
                    Ports.sleep(pause);
                }
            });
        }
    }

    List<Login> stop() {
        running.set(false);
        workers.shutdown();
        Crowd.awaitTermination(workers);
        return new ArrayList<>(done);
    }
}
