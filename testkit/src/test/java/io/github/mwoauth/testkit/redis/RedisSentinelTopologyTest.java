package io.github.mwoauth.testkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real master, replica and three Sentinels: the Sentinels name the master, and promote the replica when it dies. */
class RedisSentinelTopologyTest {

    @Test
    @Timeout(90)
    void masterWhenKilledThenSentinelsPromoteTheReplicaWithItsData(@TempDir Path dir) {
        try (RedisSentinelTopology redis = RedisSentinelTopology.start(dir)) {
            int old = redis.masterPort();
            assertThat(redis.sentinelNodes().split(",")).hasSize(3).allMatch(node -> node.startsWith("127.0.0.1:"));
            assertThat(redis.send(old, "SET", "k", "v")).isEqualTo("OK");
            assertThat(redis.send(old, "WAIT", "1", "5000")).isEqualTo("1");

            redis.server(old).kill();
            redis.awaitNewMaster(old, Duration.ofSeconds(60));

            int promoted = redis.masterPort();
            assertThat(promoted).isNotEqualTo(old);
            assertThat(redis.send(promoted, "INFO", "replication")).contains("role:master");
            assertThat(redis.send(promoted, "GET", "k")).isEqualTo("v");
        }
    }
}
