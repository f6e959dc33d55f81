package io.github.mwoauth.demo.reliability;

import io.github.mwoauth.testkit.redis.RedisClusterTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The scaled-out demo (two instances behind nginx) on a Redis Cluster of three masters with a replica each
 * ({@link RedisClusterTopology}), the instances configured with {@code spring.data.redis.cluster.nodes} and
 * Lettuce's topology refresh ({@code spring.data.redis.lettuce.cluster.refresh.*}). Under load, a master that holds
 * sessions is killed (SIGKILL); its replica takes its slots over and the instances follow without a restart. Each
 * login renames its session's key (a new session id at login), from one slot to another: Spring Data Redis does it
 * in Cluster mode as {@code DUMP}, {@code RESTORE}, {@code DEL}, so the logins here also check that no command of
 * the library spans slots. The test prints its line of the results table (docs/RELIABILITY.md) and writes it to
 * {@code target/reliability-cluster/results.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterFailoverITests {

    /** A hash tag: every probe key on one slot, so on the master killed. */
    private static final String PROBES = "{failover-probe}:";

    private final Path dir = Path.of("target", "reliability-cluster").toAbsolutePath();
    private final Crowd crowd = new Crowd();

    private RedisClusterTopology redis;
    private Deployment deployment;

    @BeforeAll
    void start() {
        Deployment.emptyDirectory(dir);
        redis = RedisClusterTopology.start(dir.resolve("redis"));
        deployment = new Deployment(dir, 600, Map.of("spring.data.redis.cluster.nodes", redis.nodes(),
                "spring.data.redis.lettuce.cluster.refresh.adaptive", "true",
                "spring.data.redis.lettuce.cluster.refresh.period", "1s"),
                ScaleOutITests.SESSION_STORE_BOUND, crowd);
    }

    @AfterAll
    void stop() {
        Deployment.closeAll(deployment, redis);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void masterWhenKilledUnderLoadThen503WithinBoundAndRecoversOnItsReplicaWithSessions() throws IOException {
        List<ScriptedUser> users = crowd.loggedIn(60, 10, deployment.nginx.url());
        int master = redis.masterOf(PROBES);
        int keys = Integer.parseInt(redis.send(master, "DBSIZE"));
        Failover failover = new Failover(deployment, crowd, users, redis::send, master, PROBES,
                () -> redis.server(master).kill(), () -> redis.awaitFailover(master, Duration.ofSeconds(30)),
                () -> redis.masterOf(PROBES));
        Files.writeString(dir.resolve("results.md"), failover.row("Cluster: one of three masters killed (SIGKILL)"
                + " under load, " + keys + " keys on it") + "\n");
        failover.assertTargets();
    }
}
