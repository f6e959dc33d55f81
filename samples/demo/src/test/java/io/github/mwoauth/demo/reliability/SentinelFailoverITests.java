package io.github.mwoauth.demo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.demo.reliability.ScriptedUser.Page;
import io.github.mwoauth.testkit.redis.RedisSentinelTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The scaled-out demo (two instances behind nginx) on Redis with Sentinel: a master, a replica and three Sentinels
 * ({@link RedisSentinelTopology}), the instances configured with {@code spring.data.redis.sentinel.*} only. Under
 * load, the master that holds the sessions is killed (SIGKILL); the Sentinels promote the replica and the
 * instances follow it without a restart. The test prints its line of the results table (docs/RELIABILITY.md) and
 * writes it to {@code target/reliability-sentinel/results.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SentinelFailoverITests {

    static final Duration SESSION_STORE_BOUND = ScaleOutITests.SESSION_STORE_BOUND;
    static final Duration OBSERVED_BOUND = ScaleOutITests.OBSERVED_BOUND;
    /** The target: every page works again this soon after the Sentinels name the new master. */
    static final Duration RECOVERY_TARGET = Duration.ofSeconds(5);
    /** Writes older than this at the kill must survive it: replication is asynchronous, but not that slow. */
    static final Duration REPLICATION_BOUND = Duration.ofSeconds(1);

    private final Path dir = Path.of("target", "reliability-sentinel").toAbsolutePath();
    private final Crowd crowd = new Crowd();

    private RedisSentinelTopology redis;
    private Deployment deployment;

    @BeforeAll
    void start() {
        Deployment.emptyDirectory(dir);
        redis = RedisSentinelTopology.start(dir.resolve("redis"));
        deployment = new Deployment(dir, 600, Map.of("spring.data.redis.sentinel.master",
                RedisSentinelTopology.MASTER_NAME, "spring.data.redis.sentinel.nodes", redis.sentinelNodes()),
                SESSION_STORE_BOUND, crowd);
    }

    @AfterAll
    void stop() {
        Deployment.closeAll(deployment, redis);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void masterWhenKilledUnderLoadThen503WithinBoundAndRecoversOnTheReplicaWithSessions() throws IOException {
        String app = deployment.nginx.url();
        List<ScriptedUser> users = crowd.loggedIn(60, 10, app);
        int oldMaster = redis.masterPort();

        Crowd.Load load = new Crowd.Load(users, app, i -> i % 2 == 0 ? "/login?next=/" : "/");
        Logins logins = new Logins(app);
        Probes probes = new Probes(oldMaster);
        long lag = replicationLag(oldMaster, 20);
        Ports.sleep(REPLICATION_BOUND.plusMillis(1500));
        redis.server(oldMaster).kill();
        long killed = System.nanoTime();
        long elected = redis.awaitNewMaster(oldMaster, Duration.ofSeconds(30));
        long recovered = awaitRecovery(users.get(0), Duration.ofSeconds(30));
        Ports.sleep(Duration.ofMillis(500));
        List<Crowd.Sample> samples = load.stop();
        List<Login> logged = logins.stop();
        probes.stop();

        int newMaster = redis.masterPort();
        List<Long> lostProbes = probes.written.stream().filter(p -> redis.send(newMaster, "EXISTS", "probe:" + p)
                .equals("0")).toList();
        long window = lostProbes.stream().mapToLong(p -> killed - p).max().orElse(0) / 1_000_000;
        List<Crowd.Sample> broken = samples.stream().filter(s -> s.status() != 200 && s.status() != 302
                && !(s.status() == 503 && s.body().contains("cannot be reached"))).toList();
        List<Crowd.Sample> slow = samples.stream().filter(s -> s.took().compareTo(OBSERVED_BOUND) > 0).toList();
        List<Crowd.Sample> failed = samples.stream().filter(s -> s.status() == 503).toList();
        List<Login> spanning = logged.stream().filter(l -> l.began < killed && l.ended > killed).toList();
        List<Login> early = logged.stream().filter(l -> l.ended < killed - REPLICATION_BOUND.toNanos()).toList();
        Crowd.Run after = Crowd.run(users, 10, user -> Crowd.checkPages(user, app));
        Crowd.Run earlyAfter = Crowd.run(early.stream().map(l -> l.user).toList(), 10,
                user -> Crowd.checkPages(user, app));

        String line = Crowd.row("Sentinel: master killed (SIGKILL) under load", after, samples.size()
                + " requests under load: " + failed.size() + " × 503 page, slowest "
                + samples.stream().mapToLong(s -> s.took().toMillis()).max().orElse(-1) + " ms (bound "
                + SESSION_STORE_BOUND.toMillis() + " ms), no other failure; new master named "
                + (elected - killed) / 1_000_000 + " ms after the kill, every page back " + (recovered - elected)
                / 1_000_000 + " ms after that, no app restart; sessions from before: " + (users.size()
                - after.failures.size()) + "/" + users.size() + " and " + (early.size() - earlyAfter.failures.size())
                + "/" + early.size() + " logins finished over 1 s before the kill still logged in; replication "
                + "lag under load at most " + lag + " ms, " + lostProbes.size() + " of " + probes.written.size() + " probe writes lost, the oldest "
                + window + " ms before the kill; logins across the failover: " + logged.size() + " ("
                + spanning.size() + " spanning the kill), " + logged.stream().filter(l -> l.attempts > 1).count()
                + " restarted after a 503, all completed");
        Files.writeString(dir.resolve("results.md"), line + "\n");
        assertThat(failed).as("no request failed at all: was the master killed under load?").isNotEmpty();
        assertThat(broken).as("requests answered neither normally nor with the 503 page").isEmpty();
        assertThat(slow).as("requests slower than %s", OBSERVED_BOUND).isEmpty();
        assertThat(Duration.ofNanos(recovered - elected)).isLessThanOrEqualTo(RECOVERY_TARGET);
        assertThat(after.failures).isEmpty();
        assertThat(earlyAfter.failures).isEmpty();
        assertThat(lostProbes).as("probe writes lost").allSatisfy(p -> assertThat(Duration.ofNanos(killed - p))
                .isLessThanOrEqualTo(REPLICATION_BOUND));
        assertThat(logged).allSatisfy(l -> assertThat(l.failure).as(l.user.name).isNull());
        assertThat(spanning).as("logins in flight at the kill").isNotEmpty();
    }

    /**
     * The longest of {@code samples} waits between a write acknowledged by the master and its appearance on the
     * replica (what a kill at that moment would lose), in milliseconds.
     */
    private long replicationLag(int master, int samples) {
        int replica = Integer.parseInt(redis.send(master, "INFO", "replication").lines()
                .filter(l -> l.startsWith("slave0:")).findFirst().orElseThrow().replaceAll(".*port=(\\d+).*", "$1"));
        long longest = 0;
        for (int i = 0; i < samples; i++) {
            String key = "lag:" + i;
            redis.send(master, "SET", key, "1");
            long written = System.nanoTime();
            long deadline = written + Duration.ofSeconds(10).toNanos();
            while (redis.send(replica, "EXISTS", key).equals("0")) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("a write did not reach the replica within 10 s");
                }
            }
            longest = Math.max(longest, System.nanoTime() - written);
        }
        return longest / 1_000_000;
    }

    /** Until both instances, asked directly, show this user's session: the service is back on every path. */
    private long awaitRecovery(ScriptedUser user, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String expected = "logged in as: " + user.name;
        while (System.nanoTime() < deadline) {
            if (expected.equals(ScriptedUser.statusOf(user.get(deployment.a.url() + "/")))
                    && expected.equals(ScriptedUser.statusOf(user.get(deployment.b.url() + "/")))) {
                return System.nanoTime();
            }
            Ports.sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("the service did not recover within " + timeout + " after the failover:\n"
                + deployment.b.logTail());
    }

    /** One login: when it began and ended, how many attempts it took, and why it did not complete (or null). */
    private static final class Login {
        final ScriptedUser user;
        final long began = System.nanoTime();
        long ended;
        int attempts;
        String failure;

        Login(ScriptedUser user) {
            this.user = user;
        }
    }

    /**
     * Four clients logging new users in through nginx, then reading their pages, until stopped. A login that meets
     * the 503 page (the session store unreachable) on any step is begun again from {@code /login}, as a user would,
     * until it completes or 20 s pass; any other failure ends it.
     */
    private final class Logins {
        private final ConcurrentLinkedQueue<Login> done = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService workers = Executors.newFixedThreadPool(4);

        Logins(String app) {
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

    /**
     * Writes {@code probe:<nanoTime>} to the master every 10 ms until it stops answering: after the failover, the
     * probes missing on the new master measure the replication window.
     */
    private final class Probes {
        final ConcurrentLinkedQueue<Long> written = new ConcurrentLinkedQueue<>();
        private final Thread writer;
        private volatile boolean running = true;

        Probes(int master) {
            writer = new Thread(() -> {
                while (running) {
                    long now = System.nanoTime();
                    try {
                        redis.send(master, "SET", "probe:" + now, "1");
                        written.add(now);
                    } catch (RuntimeException down) {
                        return;
                    }
                    Ports.sleep(Duration.ofMillis(10));
                }
            }, "replication-probes");
            writer.start();
        }

        void stop() {
            running = false;
            try {
                writer.join(Duration.ofSeconds(20).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
