package io.github.mwoauth.demo.reliability;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code redis-server} on a fixed port with its data in a directory (AOF, fsync every second, and in
 * full when stopped), so that it can be stopped and started again with the sessions it held. Its latency monitor
 * notes every stall of its own of 100 ms or more.
 */
final class RedisProcess implements AutoCloseable {

    static final String BINARY = System.getProperty("redis.server", "/usr/bin/redis-server");
    static final String CLI = Path.of(BINARY).resolveSibling("redis-cli").toString();

    final int port;
    private final Path dir;
    private ChildProcess current;

    RedisProcess(int port, Path dir) {
        this.port = port;
        this.dir = dir;
        this.current = launch();
    }

    private ChildProcess launch() {
        ChildProcess process = new ChildProcess("redis-server", List.of(BINARY, "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "yes",
                "--appendfsync", "everysec", "--daemonize", "no", "--latency-monitor-threshold", "100"),
                dir.resolve("redis.log"));
        process.awaitPort(port, Duration.ofSeconds(10));
        return process;
    }

    /** SIGTERM: Redis flushes its AOF and exits. */
    void stop() {
        current.stop();
    }

    /**
     * {@code CLIENT PAUSE <duration> ALL}: Redis keeps its connections open but answers no client for that long,
     * then answers every command that waited.
     *
     * @return {@link System#nanoTime()} when the pause was confirmed: it began a little earlier
     */
    long pause(Duration duration) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String reply = connection.sync().clientPause(duration.toMillis());
            long confirmed = System.nanoTime();
            if (!"OK".equals(reply)) {
                throw new IllegalStateException("CLIENT PAUSE answered " + reply);
            }
            return confirmed;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** {@code LATENCY LATEST} since the last start: Redis's own stalls of 100 ms or more, or "none". */
    String latencyEvents() {
        try {
            Process cli = new ProcessBuilder(CLI, "-p", String.valueOf(port), "LATENCY", "LATEST")
                    .redirectErrorStream(true).start();
            String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            cli.waitFor(10, TimeUnit.SECONDS);
            return out.isEmpty() ? "none" : out.replace('\n', ' ');
        } catch (IOException e) {
            return "unknown (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }

    /** The same port and data directory again. */
    void start() {
        current = launch();
    }

    @Override
    public void close() {
        current.close();
    }
}
