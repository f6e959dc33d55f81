package io.github.mwoauth.testkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real cluster of three masters with a replica each: slots served, and taken over when a master dies. */
class RedisClusterTopologyTest {

    @Test
    @Timeout(90)
    void masterWhenKilledThenItsReplicaServesItsSlotsWithTheData(@TempDir Path dir) {
        try (RedisClusterTopology redis = RedisClusterTopology.start(dir)) {
            assertThat(redis.nodes().split(",")).hasSize(6);
            assertThat(redis.masterPorts()).hasSize(3);
            int master = redis.masterOf("k");
            assertThat(redis.send(master, "SET", "k", "v")).isEqualTo("OK");
            assertThat(redis.send(master, "WAIT", "1", "5000")).isEqualTo("1");

            redis.server(master).kill();
            redis.awaitFailover(master, Duration.ofSeconds(60));

            int promoted = redis.masterOf("k");
            assertThat(promoted).isNotEqualTo(master);
            assertThat(redis.masterPorts()).hasSize(3).doesNotContain(master);
            assertThat(redis.send(promoted, "GET", "k")).isEqualTo("v");
        }
    }
}
