package io.github.mwoauth.demo.reliability;

import io.github.mwoauth.testkit.redis.RedisSentinelTopology;
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
 * The scaled-out demo (two instances behind nginx) on Redis with Sentinel: a master, a replica and three Sentinels
 * ({@link RedisSentinelTopology}), the instances configured with {@code spring.data.redis.sentinel.*} only. Under
 * load, the master that holds the sessions is killed (SIGKILL); the Sentinels promote the replica and the
 * instances follow it without a restart. The test prints its line of the results table (docs/RELIABILITY.md) and
 * writes it to {@code target/reliability-sentinel/results.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SentinelFailoverITests {

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
                ScaleOutITests.SESSION_STORE_BOUND, crowd);
    }

    @AfterAll
    void stop() {
        Deployment.closeAll(deployment, redis);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void masterWhenKilledUnderLoadThen503WithinBoundAndRecoversOnTheReplicaWithSessions() throws IOException {
        List<ScriptedUser> users = crowd.loggedIn(60, 10, deployment.nginx.url());
        int master = redis.masterPort();
        Failover failover = new Failover(deployment, crowd, users, redis::send, master, "probe:",
                () -> redis.server(master).kill(), () -> redis.awaitNewMaster(master, Duration.ofSeconds(30)),
                redis::masterPort);
        Files.writeString(dir.resolve("results.md"), failover.row("Sentinel: master killed (SIGKILL) under load")
                + "\n");
        failover.assertTargets();
    }
}
