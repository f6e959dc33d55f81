package io.github.mwoauth.demo.reliability;

import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.redis.RedisServerExtension;
import io.github.mwoauth.webflux.SessionSealer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo application in its own JVM on the test class path, on {@code port}, against an existing wiki and
 * Redis: one instance of a scaled-out deployment, with BlockHound installed ({@link BlockHoundDemo}).
 */
final class DemoInstance implements AutoCloseable {

    final String name;
    final int port;
    private final List<String> command;
    private final Path log;
    private volatile ChildProcess process;

    DemoInstance(String name, int port, Map<String, String> properties, Path log) {
        this.name = name;
        this.port = port;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-XX:+AllowRedefinitionToAddDeleteMethods",
                // pauses of the whole JVM, next to the instance's log: a stall there shows as timeouts here
                "-Xlog:gc,safepoint:file=" + log + ".jvm:time,uptime",
                "-cp", System.getProperty("java.class.path"), BlockHoundDemo.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                // the stack trace of a session store failure (a BlockHound error among them) in the instance's log
                "--logging.level.io.github.mwoauth.webflux.LoginErrors=DEBUG"));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        this.command = List.copyOf(command);
        this.log = log;
        process = new ChildProcess(name, command, log);
    }

    /**
     * The settings of an instance using {@code wiki}'s {@code consumer}, a new session key (give every instance
     * of one deployment the same map) and {@code redis}'s settings; modifiable.
     */
    static Map<String, String> settings(LocalWiki wiki, Consumer consumer, Map<String, String> redis) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("mediawiki.oauth.wiki", wiki.scriptPath());
        properties.put("mediawiki.oauth.oauth1.consumer-key", consumer.key());
        properties.put("mediawiki.oauth.oauth1.consumer-secret", consumer.secret());
        properties.put("mediawiki.oauth.session-key", Base64.getEncoder().encodeToString(SessionSealer.newKey()));
        properties.put("mediawiki.oauth.require-session-key", "true");
        properties.putAll(redis);
        return properties;
    }

    /** The settings of a single Redis on {@code port} of the loopback interface. */
    static Map<String, String> singleRedis(int port) {
        return Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", String.valueOf(port));
    }

    /**
     * The Redis of a deployment, started: Debian's {@code redis-server} on a free port with its data in {@code dir}
     * (AOF, fsync every second, and in full when stopped), so that it can be stopped and started again with the
     * sessions it held. Its latency monitor notes every stall of its own of 100 ms or more.
     */
    static RedisServerExtension redis(Path dir) {
        return RedisServerExtension.create().withPort(Ports.free()).withDataDirectory(dir)
                .withArguments("--appendonly", "yes", "--appendfsync", "everysec", "--latency-monitor-threshold", "100")
                .start();
    }

    void awaitReady(Duration timeout) {
        process.awaitPort(port, timeout);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int threads() {
        return process.threads();
    }

    List<String> threadNames() {
        return process.threadNames();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SIGTERM, as an orchestrator stops an instance, and waits for the exit: the instance shuts down gracefully
     * (it stops taking connections and finishes the requests it holds). Fails unless it exits by itself with 0 or
     * with 143 (the JVM's exit on SIGTERM) within {@code timeout}.
     */
    void stopGracefully(Duration timeout) {
        if (!process.stop(timeout)) {
            throw new AssertionError(name + " did not exit within " + timeout + " of SIGTERM:\n" + logTail());
        }
        int exit = process.exitValue();
        if (exit != 0 && exit != 143) {
            throw new AssertionError(name + " exited with " + exit + " after SIGTERM:\n" + logTail());
        }
    }

    /** Starts the instance again, with the same settings and port, its output appended to the same log. */
    void start() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        process = new ChildProcess(name, command, log);
    }

    /** SIGKILL: the instance dies as in a crash, without finishing its requests. */
    void kill() {
        process.kill();
    }

    String logTail() {
        return process.tail();
    }

    @Override
    public void close() {
        process.close();
    }
}
