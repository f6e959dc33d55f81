package io.github.mwoauth.demo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.demo.reliability.ScriptedUser.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scripted users of a scaled-out demo, shared by the reliability suites: new users (named {@code U0001} on, each
 * registered on the wiki by the suite), runs of scripts over them a number at a time, the check that a user's
 * pages show that user and only that user, and a steady load of page requests.
 */
final class Crowd {

    private static final Pattern ITEM = Pattern.compile("<li>(.*?) \\(");

    private final AtomicInteger nextUser = new AtomicInteger(1);

    List<ScriptedUser> newUsers(int count) {
        List<ScriptedUser> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(new ScriptedUser(userName(nextUser.getAndIncrement())));
        }
        return users;
    }

    static String userName(int i) {
        return String.format("U%04d", i);
    }

    /** Runs the script for every user, {@code concurrency} at a time; each script returns null or a failure. */
    static Run run(List<ScriptedUser> users, int concurrency, Function<ScriptedUser, String> script) {
        Run run = new Run(users.size());
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (ScriptedUser user : users) {
            futures.add(pool.submit(() -> {
                String failure;
                try {
                    failure = script.apply(user);
                } catch (RuntimeException e) {
                    failure = e.toString();
                }
                if (failure != null) {
                    run.failures.add(user.name + ": " + failure);
                    if (failure.startsWith("CROSS-TALK")) {
                        run.crossTalk.incrementAndGet();
                    }
                }
                run.record(user.drainPages());
            }));
        }
        pool.shutdown();
        awaitTermination(pool);
        run.millis = (System.nanoTime() - start) / 1_000_000;
        return run;
    }


    /**
     * What a readiness probe does before an instance takes traffic: logins started directly on it, then a few
     * users' whole visits (login, index, test_query) four at a time, so that its Redis connection is open and its
     * code warm (the first requests of a cold JVM on two busy cores can take longer than the session store bound).
     */
    void warmUp(String instance) {
        for (int i = 0; i < 20; i++) {
            new ScriptedUser("warm-up").get(instance + "/login");
        }
        loggedIn(40, 4, instance);
    }

    /** New users logged in through {@code app}, {@code concurrency} at a time, each seeing their own pages. */
    List<ScriptedUser> loggedIn(int count, int concurrency, String app) {
        List<ScriptedUser> users = newUsers(count);
        Run login = run(users, concurrency, user -> {
            user.logIn(app);
            return checkPages(user, app);
        });
        assertThat(login.failures).as("logging in %d users through %s", count, app).isEmpty();
        return users;
    }

    /** The index and test_query as this user: null when both show this user and only this user. */
    static String checkPages(ScriptedUser user, String app) {
        Page index = user.get(app + "/");
        String status = ScriptedUser.statusOf(index);
        if (status == null) {
            return "index answered " + index.status() + " (upstream " + index.upstream() + "): "
                    + excerpt(index.body());
        }
        if (!status.equals("logged in as: " + user.name)) {
            return (status.startsWith("logged in as: U") ? "CROSS-TALK " : "") + "index says '" + status + "'";
        }
        Page query = user.get(app + "/test_query");
        if (query.status() != 200) {
            return "test_query answered " + query.status() + " (upstream " + query.upstream() + "): "
                    + excerpt(query.body());
        }
        if (!query.body().contains("<h1>Contributions of " + user.name + "</h1>")) {
            return (query.body().contains("<h1>Contributions of U") ? "CROSS-TALK " : "") + "test_query heading";
        }
        List<String> titles = new ArrayList<>();
        Matcher item = ITEM.matcher(query.body());
        while (item.find()) {
            titles.add(item.group(1));
        }
        if (!titles.equals(List.of(user.name + "/first", user.name + "/second"))
                && !titles.equals(List.of(user.name + "/second", user.name + "/first"))) {
            return (titles.stream().anyMatch(t -> !t.startsWith(user.name + "/")) ? "CROSS-TALK " : "")
                    + "contributions " + titles;
        }
        return null;
    }

    /** The text of a page without its markup, shortened, so a failure says which error page was shown. */
    private static String excerpt(String body) {
        String text = body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    /** Prints the line of the results table (and its first failures) and returns it. */
    static String row(String check, Run run, String notes) {
        String line = "| " + check + " | " + run.users + " | " + run.requests() + " | " + run.failures.size() + " | "
                + run.crossTalk.get() + " | " + String.format("%.1f s", run.millis / 1000.0) + " | " + notes + " |";
        System.out.println(line);
        run.failures.stream().limit(10).forEach(f -> System.out.println("  failure: " + f));
        return line;
    }

    static void awaitTermination(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(200, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                throw new AssertionError("the scripted users did not finish within 200 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Eight scripted clients requesting {@code path(i)} as user {@code i} in turn from {@code app}, until stopped. */
    static final class Load {
        private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService workers = Executors.newFixedThreadPool(8);

        Load(List<ScriptedUser> users, String app, IntFunction<String> path) {
            for (int t = 0; t < 8; t++) {
                int worker = t;
                workers.submit(() -> {
                    for (int i = worker; running.get(); i += 8) {
                        ScriptedUser user = users.get(i % users.size());
                        String p = path.apply(i);
                        long start = System.nanoTime();
                        try {
                            Page page = user.get(app + p);
                            samples.add(new Sample(p, start, System.nanoTime(), page.status(), page.body()));
                        } catch (RuntimeException e) {
                            samples.add(new Sample(p, start, System.nanoTime(), -1, e.toString()));
                        }
                    }
                });
            }
        }

        List<Sample> stop() {
            running.set(false);
            workers.shutdown();
            awaitTermination(workers);
            return List.copyOf(samples);
        }
    }

    record Sample(String path, long start, long end, int status, String body) {
        Duration took() {
            return Duration.ofNanos(end - start);
        }
    }

    /** What a run of scripted users saw. */
    static final class Run {
        final int users;
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicInteger crossTalk = new AtomicInteger();
        final ConcurrentLinkedQueue<Page> pages = new ConcurrentLinkedQueue<>();
        long millis;

        Run(int users) {
            this.users = users;
        }

        void record(List<Page> seen) {
            pages.addAll(seen);
        }

        int requests() {
            return pages.size();
        }

        long servedBy(DemoInstance instance) {
            return pages.stream().filter(p -> p.upstream().endsWith(":" + instance.port)).count();
        }

        long percentile(int p) {
            List<Long> millis = pages.stream().map(page -> page.took().toMillis()).sorted(Comparator.naturalOrder())
                    .toList();
            return millis.isEmpty() ? -1 : millis.get(Math.min(millis.size() - 1, millis.size() * p / 100));
        }
    }
}
