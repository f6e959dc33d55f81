package io.github.mwoauth.demo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * A Redis master killed under the scale-out load, measured: logged-in users reading their pages and new users
 * logging in through nginx, probe writes to that master every 10 ms, then the kill, the new master, and the time
 * until every user's page works again on both instances. {@link #row(String)} is the results table's line and
 * {@link #assertTargets()} checks it against the targets of docs/RELIABILITY.md.
 */
final class Failover implements Measurement {

    /** The target: every page works again this soon after the new master is in place. */
    static final Duration RECOVERY_TARGET = Duration.ofSeconds(5);
    /** Writes older than this at the kill must survive it: replication is asynchronous, but not that slow. */
    static final Duration REPLICATION_BOUND = Duration.ofSeconds(1);

    /** A command on one Redis server of a topology, as {@code RedisSentinelTopology.send} and the cluster's. */
    interface Redis {
        String send(int port, String... args);
    }

    private final List<Crowd.Sample> samples;
    private final List<Logins.Login> logins;
    private final List<ScriptedUser> users;
    private final Crowd.Run after;
    private final Crowd.Run earlyAfter;
    private final List<Logins.Login> early;
    private final List<Long> lostProbes;
    private final int probes;
    private final long lag;
    private final long killed;
    private final long elected;
    private final long recovered;

    /**
     * Runs it: {@code users} (logged in) load {@code deployment} through nginx; probes with keys beginning
     * {@code probePrefix} (on the master's slots) go to the master on {@code master}, whose replica's lag is measured
     * first; {@code kill} kills it, {@code awaitNewMaster} returns when the new master is in place, and
     * {@code newMaster} names it afterwards.
     */
    Failover(Deployment deployment, Crowd crowd, List<ScriptedUser> users, Redis redis, int master,
            String probePrefix, Runnable kill, LongSupplier awaitNewMaster, LongSupplier newMaster) {
        String app = deployment.nginx.url();
        this.users = users;
        Crowd.Load load = new Crowd.Load(users, app, i -> i % 2 == 0 ? "/login?next=/" : "/");
        Logins running = new Logins(crowd, app, Duration.ZERO);
        lag = replicationLag(redis, master, probePrefix);
        ConcurrentLinkedQueue<Long> written = new ConcurrentLinkedQueue<>();
        Thread writer = new Thread(() -> {
            for (long now = System.nanoTime(); ; now = System.nanoTime()) {
                try {
                    redis.send(master, "SET", probePrefix + now, "1");
                    written.add(now);
                } catch (RuntimeException down) {
                    return;
                }
                Ports.sleep(Duration.ofMillis(10));
            }
        }, "replication-probes");
        writer.start();
        Ports.sleep(REPLICATION_BOUND.plusMillis(1500));
        kill.run();
        killed = System.nanoTime();
        elected = awaitNewMaster.getAsLong();
        recovered = awaitRecovery(deployment, users, Duration.ofSeconds(30));
        Ports.sleep(Duration.ofMillis(500));
        samples = load.stop();
        logins = running.stop();
        Ports.join(writer, Duration.ofSeconds(20));

        int promoted = (int) newMaster.getAsLong();
        probes = written.size();
        lostProbes = written.stream().filter(p -> redis.send(promoted, "EXISTS", probePrefix + p).equals("0"))
                .toList();
        early = logins.stream().filter(l -> l.ended < killed - REPLICATION_BOUND.toNanos()).toList();
        after = Crowd.run(users, 10, user -> Crowd.checkPages(user, app));
        earlyAfter = Crowd.run(early.stream().map(l -> l.user).toList(), 10, user -> Crowd.checkPages(user, app));
    }

    @Override
    public String row(String check) {
        List<Crowd.Sample> failed = samples.stream().filter(s -> s.status() == 503).toList();
        long window = lostProbes.stream().mapToLong(p -> killed - p).max().orElse(0) / 1_000_000;
        return Crowd.row(check, after, samples.size() + " requests under load: " + failed.size()
                + " × 503 page, slowest " + samples.stream().mapToLong(s -> s.took().toMillis()).max().orElse(-1)
                + " ms (bound " + ScaleOutITests.SESSION_STORE_BOUND.toMillis() + " ms), " + broken().size()
                + " other failures; new master " + millis(elected - killed) + " ms after the kill, every page back "
                + millis(recovered - elected) + " ms after that, no app restart; sessions from before: "
                + (users.size() - after.failures.size()) + "/" + users.size() + " and "
                + (early.size() - earlyAfter.failures.size()) + "/" + early.size()
                + " logins finished over 1 s before the kill still logged in; replication lag under load at most "
                + lag + " ms, " + lostProbes.size() + " of " + probes + " probe writes lost (the oldest " + window
                + " ms before the kill); logins across the failover: " + logins.size() + " (" + spanning().size()
                + " in flight at the kill), " + logins.stream().filter(l -> l.attempts > 1).count()
                + " begun again after a 503, " + logins.stream().filter(l -> l.failure == null).count()
                + " completed");
    }

    @Override
    public void assertTargets() {
        assertThat(samples).as("no request failed at all: was the master killed under load?")
                .anyMatch(s -> s.status() == 503);
        assertThat(broken()).as("requests answered neither normally nor with the 503 page").isEmpty();
        assertThat(samples).as("requests slower than %s", ScaleOutITests.OBSERVED_BOUND)
                .allMatch(s -> s.took().compareTo(ScaleOutITests.OBSERVED_BOUND) <= 0);
        assertThat(Duration.ofNanos(recovered - elected)).isLessThanOrEqualTo(RECOVERY_TARGET);
        assertThat(after.failures).isEmpty();
        assertThat(earlyAfter.failures).isEmpty();
        assertThat(lostProbes).as("probe writes lost").allSatisfy(p -> assertThat(Duration.ofNanos(killed - p))
                .isLessThanOrEqualTo(REPLICATION_BOUND));
        assertThat(logins).allSatisfy(l -> assertThat(l.failure).as(l.user.name).isNull());
        assertThat(spanning()).as("logins in flight at the kill").isNotEmpty();
    }

    private List<Crowd.Sample> broken() {
        return samples.stream().filter(s -> s.status() != 200 && s.status() != 302
                && !(s.status() == 503 && s.body().contains("cannot be reached"))).toList();
    }

    private List<Logins.Login> spanning() {
        return logins.stream().filter(l -> l.spans(killed)).toList();
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /**
     * The longest of 20 waits between a write acknowledged by the master and its appearance on its replica (what a
     * kill at that moment would lose), in milliseconds.
     */
    private static long replicationLag(Redis redis, int master, String prefix) {
        int replica = Integer.parseInt(redis.send(master, "INFO", "replication").lines()
                .filter(l -> l.startsWith("slave0:")).findFirst().orElseThrow().replaceAll(".*port=(\\d+).*", "$1"));
        long longest = 0;
        for (int i = 0; i < 20; i++) {
            redis.send(master, "SET", prefix + "lag:" + i, "1");
            long written = System.nanoTime();
            long offset = offset(redis.send(master, "INFO", "replication"), "master_repl_offset:");
            long deadline = written + Duration.ofSeconds(10).toNanos();
            while (offset(redis.send(replica, "INFO", "replication"), "slave_repl_offset:") < offset) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("a write did not reach the replica within 10 s");
                }
            }
            longest = Math.max(longest, System.nanoTime() - written);
        }
        return longest / 1_000_000;
    }

    /** A replication offset from {@code INFO replication}. */
    private static long offset(String info, String field) {
        return Long.parseLong(info.lines().filter(l -> l.startsWith(field)).findFirst().orElseThrow()
                .substring(field.length()).strip());
    }

    /**
     * Until both instances, asked directly, show every user's session: the service is back on every path. Each round
     * asks for all of them at once (20 at a time), so that a round takes about as long as one request under load.
     */
    private static long awaitRecovery(Deployment deployment, List<ScriptedUser> users, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            while (System.nanoTime() < deadline) {
                List<Future<Boolean>> checks = new ArrayList<>();
                for (ScriptedUser user : users) {
                    for (String instance : List.of(deployment.a.url(), deployment.b.url())) {
                        checks.add(pool.submit(() -> serves(instance, user)));
                    }
                }
                boolean all = true;
                for (Future<Boolean> check : checks) {
                    all &= check.get();
                }
                if (all) {
                    return System.nanoTime();
                }
                Ports.sleep(Duration.ofMillis(50));
            }
        } catch (ExecutionException e) {
            throw new AssertionError("a recovery check failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        throw new AssertionError("the service did not recover within " + timeout + " after the failover:\n"
                + deployment.b.logTail());
    }

    private static boolean serves(String instance, ScriptedUser user) {
        try {
            return ("logged in as: " + user.name).equals(ScriptedUser.statusOf(user.get(instance + "/")));
        } catch (RuntimeException notYet) {
            return false;
        }
    }
}
