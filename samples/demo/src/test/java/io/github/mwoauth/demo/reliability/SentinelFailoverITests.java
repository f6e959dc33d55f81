package io.github.mwoauth.demo.reliability;

import io.github.mwoauth.testkit.redis.RedisSentinelTopology;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scaled-out demo (two instances behind nginx) on Redis with Sentinel: a master, a replica and three Sentinels
 * ({@link RedisSentinelTopology}), the instances configured with {@code spring.data.redis.sentinel.*} only. Under
 * load, the master that holds the sessions is killed (SIGKILL); the Sentinels promote the replica and the
 * instances follow it without a restart. The test prints its line of the results table (docs/RELIABILITY.md) and
 * writes it to {@code target/reliability-sentinel/results.md}.
 */
class SentinelFailoverITests extends FailoverSuite {

    private RedisSentinelTopology redis;

    SentinelFailoverITests() {
        super("reliability-sentinel");
    }

    @Override
    AutoCloseable startRedis(Path redisDir) {
        redis = RedisSentinelTopology.start(redisDir);
        return redis;
    }

    @Override
    Map<String, String> redisSettings() {
        return Map.of("spring.data.redis.sentinel.master", RedisSentinelTopology.MASTER_NAME,
                "spring.data.redis.sentinel.nodes", redis.sentinelNodes());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void masterWhenKilledUnderLoadThen503WithinBoundAndRecoversOnTheReplicaWithSessions() throws IOException {
        int master = redis.masterPort();
        measure("Sentinel: master killed (SIGKILL) under load", users -> new Failover(deployment, crowd, users,
                redis::send, master, "probe:", () -> redis.server(master).kill(),
                () -> redis.awaitNewMaster(master, Duration.ofSeconds(30)), redis::masterPort));
    }
}
