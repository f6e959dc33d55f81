package io.github.mwoauth.demo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.demo.reliability.ScriptedUser.Page;
import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.WikiUser;
import io.github.mwoauth.testkit.redis.RedisServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The demo scaled out on this machine, loopback only: a real {@code redis-server}, a LocalWiki, two demo
 * instances in their own JVMs sharing the session key and Redis, and Debian's nginx round-robin in front.
 * Scripted users log in through nginx and read their pages; then Redis is stopped and started again, Redis
 * stalls, and one instance is killed. Each test prints its line of the results table (docs/RELIABILITY.md); the
 * table is also written to {@code target/reliability/results.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutITests {

    static final int USERS = Integer.getInteger("reliability.users", 500);
    static final int CONCURRENCY = Integer.getInteger("reliability.concurrency", 32);
    static final Duration SESSION_STORE_BOUND = Duration.ofSeconds(2);
    /** The bound plus room for a loaded two-core machine. */
    static final Duration OBSERVED_BOUND = SESSION_STORE_BOUND.plusSeconds(1);
    /** Longer than the demo's Redis command timeout (spring.data.redis.timeout, 2 s). */
    static final Duration STALL = Duration.ofSeconds(3);

    private static final Pattern ITEM = Pattern.compile("<li>(.*?) \\(");

    private final Path dir = Path.of("target", "reliability").toAbsolutePath();
    private final List<String> results = new ArrayList<>();
    private final AtomicInteger nextUser = new AtomicInteger(1);

    private LocalWiki wiki;
    private RedisServerExtension redis;
    private DemoInstance a;
    private DemoInstance b;
    private NginxProcess nginx;

    @BeforeAll
    void start() throws IOException {
        if (Files.exists(dir)) {
            try (var old = Files.walk(dir)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        int nginxPort = Ports.free();
        wiki = LocalWiki.start();
        for (int i = 1; i <= USERS + 500; i++) {
            String name = userName(i);
            wiki.registerUser(WikiUser.named(name)
                    .contribution(name + "/first", 100_000L + 2L * i, Instant.parse("2026-01-01T00:00:00Z"), "one")
                    .contribution(name + "/second", 100_001L + 2L * i, Instant.parse("2026-01-02T00:00:00Z"), "two")
                    .build());
        }
        Consumer consumer = wiki.registerOobConsumer("Scale-out demo",
                "http://127.0.0.1:" + nginxPort + "/oauth-callback");
        redis = DemoInstance.redis(dir.resolve("redis"));
        Map<String, String> properties = DemoInstance.settings(wiki, consumer, redis.port());
        properties.put("mediawiki.oauth.session-store-timeout", SESSION_STORE_BOUND.toMillis() + "ms");
        a = new DemoInstance("instance-a", Ports.free(), properties, dir.resolve("instance-a.log"));
        b = new DemoInstance("instance-b", Ports.free(), properties, dir.resolve("instance-b.log"));
        a.awaitReady(Duration.ofSeconds(90));
        b.awaitReady(Duration.ofSeconds(90));
        nginx = new NginxProcess(nginxPort, List.of(a.port, b.port), dir.resolve("nginx"));
        warmUp(a);
        warmUp(b);
        results.add("| check | users | requests | failures | cross-talk | time | notes |");
        results.add("| --- | --- | --- | --- | --- | --- | --- |");
    }

    @AfterAll
    void stop() throws IOException {
        String table = String.join("\n", results) + "\n";
        System.out.println("\nReliability results (" + USERS + " users, " + CONCURRENCY + " in flight):\n" + table);
        Files.writeString(dir.resolve("results.md"), table);
        for (AutoCloseable c : new AutoCloseable[] {nginx, a, b, redis, wiki}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("could not stop " + c + ": " + e);
            }
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void usersWhenLoggingInConcurrentlyThroughNginxThenNoFailureAndNoCrossTalk() {
        List<ScriptedUser> users = newUsers(USERS);
        Run run = run(users, CONCURRENCY, user -> {
            user.logIn(nginx.url());
            return checkPages(user, nginx.url());
        });
        row("concurrent logins through nginx, then / and /test_query", run, "served by A: " + run.servedBy(a)
                + ", by B: " + run.servedBy(b) + "; p50 " + run.percentile(50) + " ms, p99 " + run.percentile(99)
                + " ms per request");
        assertThat(run.failures).as("failures; Redis's own stalls of 100 ms or more: %s", redisLatencyEvents())
                .isEmpty();
        assertThat(run.crossTalk.get()).isZero();
        assertThat(run.servedBy(a)).isPositive();
        assertThat(run.servedBy(b)).isPositive();
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void handshakeWhenBegunOnOneInstanceThenCompletesOnTheOther() {
        List<ScriptedUser> users = newUsers(20);
        Run run = run(users, 10, user -> {
            boolean even = Integer.parseInt(user.name.substring(1)) % 2 == 0;
            DemoInstance first = even ? a : b;
            DemoInstance second = even ? b : a;
            Page done = user.finishLogin(user.beginLogin(first.url()), second.url());
            if (!done.redirect()) {
                return "callback on " + second.name + " answered " + done.status();
            }
            return checkPages(user, first.url());
        });
        row("handshake begun on one instance, callback on the other", run, "half A→B, half B→A");
        assertThat(run.failures).isEmpty();
        assertThat(run.crossTalk.get()).isZero();
    }

    @Test
    @Order(3)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void redisWhenStoppedUnderLoadThen503WithinBoundAndRecoversWithSessions() {
        List<ScriptedUser> users = loggedIn(100, 20, nginx.url());
        int threadsBefore = a.threads() + b.threads();
        List<String> namesBefore = b.threadNames();

        Load load = new Load(users, i -> i % 2 == 0 ? "/login?next=/" : "/");
        Ports.sleep(Duration.ofSeconds(1));
        redis.stop();
        long down = System.nanoTime();
        Ports.sleep(Duration.ofSeconds(4));
        int threadsDuring = a.threads() + b.threads();
        long restart = System.nanoTime();
        redis.start();
        long recovered = awaitRecovery(users.get(0), Duration.ofSeconds(45));
        List<Sample> samples = load.stop();
        int threadsAfter = a.threads() + b.threads();
        List<String> newOnB = new ArrayList<>(b.threadNames());
        namesBefore.forEach(newOnB::remove);

        List<Sample> broken = samples.stream().filter(s -> s.status != 200 && s.status != 302 && s.status != 503)
                .toList();
        List<Sample> outage = samples.stream().filter(s -> s.start >= down && s.end <= restart).toList();
        List<Sample> wrong = outage.stream().filter(s -> s.status != 503
                || !s.body.contains("cannot be reached") || s.took().compareTo(OBSERVED_BOUND) > 0).toList();
        long maxMillis = outage.stream().mapToLong(s -> s.took().toMillis()).max().orElse(-1);
        Run after = run(users, 20, user -> checkPages(user, nginx.url()));
        row("Redis stopped 4 s under load, then started again", after, outage.size() + " requests during the outage: "
                + (outage.size() - wrong.size()) + " × 503 page, slowest " + maxMillis + " ms (bound "
                + SESSION_STORE_BOUND.toMillis() + " ms); service back " + (recovered - restart) / 1_000_000
                + " ms after Redis restarted, no app restart; threads A+B " + threadsBefore + " before, "
                + threadsDuring + " during, " + threadsAfter + " after (new on B: " + newOnB + "); sessions from before the outage: "
                + (users.size() - after.failures.size()) + "/" + users.size() + " still logged in");
        assertThat(outage).hasSizeGreaterThan(10);
        assertThat(broken).as("requests answered neither normally nor with the 503 page").isEmpty();
        assertThat(wrong).as("requests during the outage that were not a 503 page within %s", OBSERVED_BOUND)
                .isEmpty();
        assertThat(after.failures).isEmpty();
        assertThat(after.crossTalk.get()).isZero();
        // a fixed pool started on first use (Lettuce's reconnect executor) may appear once; growth with the
        // number of failed requests may not
        assertThat(threadsDuring).isLessThanOrEqualTo(threadsBefore + 8);
        assertThat(threadsAfter).isLessThanOrEqualTo(threadsDuring + 2);
    }

    @Test
    @Order(4)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void redisWhenStalledThen503WithinBoundAndServiceCarriesOnWhenItAnswers() {
        List<ScriptedUser> users = loggedIn(40, 10, nginx.url());
        int threadsBefore = a.threads() + b.threads();

        Load load = new Load(users, i -> "/");
        Ports.sleep(Duration.ofSeconds(1));
        // connected but answering nothing, as a Redis stuck on a slow command or a lost network path: only the
        // command timeout (spring.data.redis.timeout) ends the wait
        long paused = redis.pauseClients(STALL);
        Ports.sleep(STALL.plusSeconds(1).minusNanos(System.nanoTime() - paused));
        List<Sample> samples = load.stop();
        int threadsAfter = a.threads() + b.threads();

        long resumed = paused + STALL.toNanos();
        // the requests waiting on Redis when the stall began, or begun in its first half second, wait out the whole
        // command timeout: they end over a second later, and must end with the 503 page
        List<Sample> stalled = samples.stream().filter(s -> s.start < paused + Duration.ofMillis(500).toNanos()
                && s.end > paused + Duration.ofSeconds(1).toNanos()).toList();
        List<Sample> during = samples.stream().filter(s -> s.end > paused && s.start < resumed).toList();
        List<Sample> wrong = during.stream().filter(s -> !(s.status == 200 || s.status == 503
                && s.body.contains("cannot be reached")) || s.took().compareTo(OBSERVED_BOUND) > 0).toList();
        long maxMillis = during.stream().mapToLong(s -> s.took().toMillis()).max().orElse(-1);
        Run after = run(users, 10, user -> checkPages(user, nginx.url()));
        row("Redis stalled " + STALL.toSeconds() + " s (CLIENT PAUSE) under load", after, during.size()
                + " requests in flight during the stall: " + during.stream().filter(s -> s.status == 503).count()
                + " × 503 page, the rest served once Redis answered; slowest " + maxMillis + " ms (bound "
                + SESSION_STORE_BOUND.toMillis() + " ms); threads A+B " + threadsBefore + " before, " + threadsAfter
                + " after; sessions: " + (users.size() - after.failures.size()) + "/" + users.size()
                + " still logged in");
        assertThat(stalled).as("requests held by the stall").isNotEmpty()
                .allSatisfy(s -> assertThat(s.status).as("status after %s", s.took()).isEqualTo(503));
        assertThat(wrong).as("requests during the stall not served nor a 503 page within %s", OBSERVED_BOUND)
                .isEmpty();
        assertThat(after.failures).isEmpty();
        assertThat(after.crossTalk.get()).isZero();
        assertThat(threadsAfter).isLessThanOrEqualTo(threadsBefore + 2);
    }

    @Test
    @Order(5)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void instanceWhenKilledMidRunThenSessionsCarryOnThroughTheOther() {
        // a request of an earlier test that nginx gave up on (its 10 s read timeout) marks that instance down for
        // 5 s; with A killed in that window nginx would have no instance left, which is not what this test is about
        nginx.reload();
        List<ScriptedUser> users = newUsers(100);
        Run login = run(users, 20, user -> {
            user.logIn(nginx.url());
            return null;
        });
        assertThat(login.failures).isEmpty();
        List<ScriptedUser> pending = newUsers(20);
        Map<ScriptedUser, String> callbacks = new LinkedHashMap<>();
        for (ScriptedUser user : pending) {
            callbacks.put(user, user.beginLogin(a.url()));
        }

        AtomicInteger done = new AtomicInteger();
        AtomicInteger doneBeforeKill = new AtomicInteger();
        Thread killer = new Thread(() -> {
            while (done.get() < users.size() / 4) {
                Ports.sleep(Duration.ofMillis(5));
            }
            a.kill();
            doneBeforeKill.set(done.get());
        }, "kill-instance-a");
        killer.start();
        Run run = run(users, 20, user -> {
            String result = checkPages(user, nginx.url());
            done.incrementAndGet();
            return result;
        });
        awaitJoin(killer);
        Run finished = run(pending, 10, user -> {
            Page page = user.finishLogin(callbacks.get(user), nginx.url());
            return page.redirect() ? checkPages(user, nginx.url()) : "callback answered " + page.status();
        });
        row("instance A killed (SIGKILL) mid-run", run, "killed after " + doneBeforeKill.get() + " users; "
                + "served by A: " + run.servedBy(a)
                + ", by B: " + run.servedBy(b) + "; " + (pending.size() - finished.failures.size()) + "/"
                + pending.size() + " handshakes begun on A completed through nginx on B");
        assertThat(a.isAlive()).isFalse();
        assertThat(run.servedBy(a)).as("requests A served before it was killed").isPositive();
        assertThat(run.failures).isEmpty();
        assertThat(run.crossTalk.get()).isZero();
        assertThat(finished.failures).isEmpty();
        assertThat(finished.crossTalk.get()).isZero();
        assertThat(finished.servedBy(a)).isZero();
    }

    /**
     * What a readiness probe does before an instance takes traffic: logins started directly on it, then a few
     * users' whole visits (login, index, test_query) four at a time, so that its Redis connection is open and its
     * code warm (the first requests of a cold JVM on two busy cores can take longer than the session store bound).
     */
    private void warmUp(DemoInstance instance) {
        for (int i = 0; i < 20; i++) {
            new ScriptedUser("warm-up").get(instance.url() + "/login");
        }
        loggedIn(40, 4, instance.url());
    }

    /** The index and test_query as this user: null when both show this user and only this user. */
    private String checkPages(ScriptedUser user, String app) {
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

    private long awaitRecovery(ScriptedUser user, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String expected = "logged in as: " + user.name;
        // each instance has its own Redis connection and reconnects on its own schedule: the service is back
        // when both serve the session, not when the one nginx happened to pick does
        while (System.nanoTime() < deadline) {
            if (expected.equals(ScriptedUser.statusOf(user.get(a.url() + "/")))
                    && expected.equals(ScriptedUser.statusOf(user.get(b.url() + "/")))) {
                return System.nanoTime();
            }
            Ports.sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("the service did not recover within " + timeout + " after Redis restarted:\n"
                + b.logTail());
    }

    /** New users logged in through {@code app}, {@code concurrency} at a time, each seeing their own pages. */
    private List<ScriptedUser> loggedIn(int count, int concurrency, String app) {
        List<ScriptedUser> users = newUsers(count);
        Run login = run(users, concurrency, user -> {
            user.logIn(app);
            return checkPages(user, app);
        });
        assertThat(login.failures).as("logging in %d users through %s", count, app).isEmpty();
        return users;
    }

    /** {@code LATENCY LATEST} since the last start: Redis's own stalls of 100 ms or more, or "none". */
    private String redisLatencyEvents() {
        try {
            String out = redis.cli("--raw", "LATENCY", "LATEST").strip();
            return out.isEmpty() ? "none" : out.replace('\n', ' ');
        } catch (RuntimeException e) {
            return "unknown (" + e + ")";
        }
    }

    private List<ScriptedUser> newUsers(int count) {
        List<ScriptedUser> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(new ScriptedUser(userName(nextUser.getAndIncrement())));
        }
        return users;
    }

    private static String userName(int i) {
        return String.format("U%04d", i);
    }

    /** Runs the script for every user, {@code concurrency} at a time; each script returns null or a failure. */
    private Run run(List<ScriptedUser> users, int concurrency, Function<ScriptedUser, String> script) {
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

    private void row(String check, Run run, String notes) {
        String line = "| " + check + " | " + run.users + " | " + run.requests() + " | " + run.failures.size() + " | "
                + run.crossTalk.get() + " | " + String.format("%.1f s", run.millis / 1000.0) + " | " + notes + " |";
        results.add(line);
        System.out.println(line);
        run.failures.stream().limit(10).forEach(f -> System.out.println("  failure: " + f));
    }

    private static void awaitTermination(ExecutorService pool) {
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

    private static void awaitJoin(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(60).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Eight scripted clients requesting {@code path(i)} as user {@code i} in turn through nginx, until stopped. */
    private final class Load {
        private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService workers = Executors.newFixedThreadPool(8);

        Load(List<ScriptedUser> users, IntFunction<String> path) {
            for (int t = 0; t < 8; t++) {
                int worker = t;
                workers.submit(() -> {
                    for (int i = worker; running.get(); i += 8) {
                        ScriptedUser user = users.get(i % users.size());
                        String p = path.apply(i);
                        long start = System.nanoTime();
                        try {
                            Page page = user.get(nginx.url() + p);
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

    private record Sample(String path, long start, long end, int status, String body) {
        Duration took() {
            return Duration.ofNanos(end - start);
        }
    }

    /** What a run of scripted users saw. */
    private static final class Run {
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
