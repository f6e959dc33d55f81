package io.github.mwoauth.demo.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's {@code redis-server} on a fixed port with its data in a directory (AOF, fsync always), so that it
 * can be stopped and started again with the sessions it held.
 */
final class RedisProcess implements AutoCloseable {

    static final String BINARY = System.getProperty("redis.server", "/usr/bin/redis-server");

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
                "--appendfsync", "always", "--daemonize", "no"), dir.resolve("redis.log"));
        process.awaitPort(port, Duration.ofSeconds(10));
        return process;
    }

    /** SIGTERM: Redis flushes its AOF and exits. */
    void stop() {
        current.stop();
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
