package io.github.mwoauth.testkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A real redis-server: start, addresses, stop, kill, restart, persistence, stalls and failures. */
class RedisServerExtensionTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    @Test
    void registeredWhenTestRunsThenServerAnswersOnLoopbackBelowEphemeralPorts() {
        assertThat(REDIS.isRunning()).isTrue();
        assertThat(REDIS.host()).isEqualTo("127.0.0.1");
        assertThat(REDIS.port()).isBetween(20_000, 32_000);
        assertThat(REDIS.uri()).hasToString("redis://127.0.0.1:" + REDIS.port());
        assertThat(REDIS.cli("PING")).contains("PONG");
        assertThat(REDIS.log()).contains("Ready to accept connections");
    }

    @Test
    void startWhenDefaultThenNoPersistence() {
        assertThat(REDIS.cli("--raw", "CONFIG", "GET", "save")).isEqualTo("save\n\n");
        assertThat(REDIS.cli("--raw", "CONFIG", "GET", "appendonly")).contains("no");
    }

    @Test
    void stopThenStartWhenNoPersistenceThenSamePortAndDataGone() {
        try (RedisServerExtension redis = RedisServerExtension.create().start()) {
            int port = redis.port();
            assertThat(redis.cli("SET", "k", "v")).contains("OK");

            redis.stop();
            assertThat(redis.isRunning()).isFalse();
            assertThat(redis.port()).isEqualTo(port);
            redis.start();

            assertThat(redis.port()).isEqualTo(port);
            assertThat(redis.cli("EXISTS", "k")).contains("(integer) 0");
        }
    }

    @Test
    void restartWhenAppendOnlyFileThenDataKept(@TempDir Path dir) {
        try (RedisServerExtension redis = RedisServerExtension.create().withDataDirectory(dir)
                .withArguments("--appendonly", "yes", "--appendfsync", "everysec").start()) {
            redis.cli("SET", "k", "v");

            redis.restart();

            assertThat(redis.cli("--raw", "GET", "k")).isEqualTo("v\n");
        }
        assertThat(dir.resolve("redis.log")).exists();
        assertThat(dir.resolve("appendonlydir")).isDirectory();
    }

    @Test
    void killWhenRunningThenGoneAndStartsAgain() {
        try (RedisServerExtension redis = RedisServerExtension.create().start()) {
            redis.kill();
            assertThat(redis.isRunning()).isFalse();
            assertThat(redis.cli("PING")).doesNotContain("PONG");

            redis.start();
            assertThat(redis.cli("PING")).contains("PONG");
        }
    }

    @Test
    void pauseClientsWhenCommandSentThenAnsweredAfterThePause() {
        long confirmed = REDIS.pauseClients(Duration.ofMillis(500));
        assertThat(REDIS.cli("PING")).contains("PONG");
        assertThat(Duration.ofNanos(System.nanoTime() - confirmed)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void startWhenPortTakenThenFailsWithTheLog() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            RedisServerExtension redis = RedisServerExtension.create().withPort(taken.getLocalPort());
            try {
                assertThatThrownBy(redis::start).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("exited").hasMessageContaining("Address already in use");
            } finally {
                redis.close();
            }
        }
    }

    @Test
    void startWhenBinaryMissingThenSaysHowToInstall(@TempDir Path dir) {
        String before = System.getProperty("redis.server");
        System.setProperty("redis.server", dir.resolve("redis-server").toString());
        try {
            assertThatThrownBy(() -> RedisServerExtension.create().start()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("redis-server not found").hasMessageContaining("apt-get install redis-server");
        } finally {
            if (before == null) {
                System.clearProperty("redis.server");
            } else {
                System.setProperty("redis.server", before);
            }
        }
    }

    @Test
    void testFailureWhenServerStartedThenEndOfItsLogAdded() {
        AssertionError failure = new AssertionError("expected");
        assertThatThrownBy(() -> REDIS.handleTestExecutionException(null, failure)).isSameAs(failure);
        assertThat(failure.getSuppressed()).singleElement().satisfies(log -> assertThat(log.getMessage())
                .contains("redis-server on 127.0.0.1:" + REDIS.port()).contains("Ready to accept connections"));
    }

    @Test
    void closeWhenTemporaryDirectoryThenDeleted() {
        RedisServerExtension redis = RedisServerExtension.create().start();
        Path dir = Path.of(redis.cli("--raw", "CONFIG", "GET", "dir").lines().skip(1).findFirst().orElseThrow());
        assertThat(dir).isDirectory();

        redis.close();

        assertThat(redis.isRunning()).isFalse();
        assertThat(Files.exists(dir)).isFalse();
        assertThatThrownBy(redis::port).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withPortWhenOutOfRangeThenRefused() {
        assertThatThrownBy(() -> RedisServerExtension.create().withPort(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
    }
}
