package io.github.mwoauth.demo.reliability;

import io.github.mwoauth.testkit.redis.RedisClusterTopology;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
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
class ClusterFailoverITests extends FailoverSuite {

    /** A hash tag: every probe key on one slot, so on the master killed. */
    private static final String PROBES = "{failover-probe}:";

    private RedisClusterTopology redis;

    ClusterFailoverITests() {
        super("reliability-cluster");
    }

    @Override
    AutoCloseable startRedis(Path redisDir) {
        redis = RedisClusterTopology.start(redisDir);
        return redis;
    }

    @Override
    Map<String, String> redisSettings() {
        return Map.of("spring.data.redis.cluster.nodes", redis.nodes(),
                "spring.data.redis.lettuce.cluster.refresh.adaptive", "true",
                "spring.data.redis.lettuce.cluster.refresh.period", "1s");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void masterWhenKilledUnderLoadThen503WithinBoundAndRecoversOnItsReplicaWithSessions() throws IOException {
        int master = redis.masterOf(PROBES);
        int keys = Integer.parseInt(redis.send(master, "DBSIZE"));
        measure("Cluster: one of three masters killed (SIGKILL) under load, " + keys + " keys on it",
                users -> new Failover(deployment, crowd, users, redis::send, master, PROBES,
                        () -> redis.server(master).kill(), () -> redis.awaitFailover(master, Duration.ofSeconds(30)),
                        () -> redis.masterOf(PROBES)));
    }
}
