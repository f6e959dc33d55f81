package io.github.mwoauth.testkit.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Redis with automatic failover, on the loopback interface: a master, one replica and three Sentinels (each a
 * {@code redis-server --sentinel}, so Debian's {@code redis-server} package is enough), each a
 * {@link RedisServerExtension} with its data and log in its own directory under the one given. The Sentinels
 * monitor the master as {@value #MASTER_NAME}, call it down after {@value #DOWN_AFTER_MILLIS} ms without an
 * answer, and need two of them to agree, so a failover takes a few seconds.
 *
 * <pre>{@code
 * try (RedisSentinelTopology redis = RedisSentinelTopology.start(dir)) {
 *     connectTo(redis.sentinelNodes(), RedisSentinelTopology.MASTER_NAME); // spring.data.redis.sentinel.*
 *     int old = redis.masterPort();
 *     redis.server(old).kill();                                           // SIGKILL the master
 *     redis.awaitNewMaster(old, Duration.ofSeconds(30));                   // the replica is promoted
 * }
 * }</pre>
 *
 * <p>Its methods block; call them from a test's thread, never from an event loop.
 */
public final class RedisSentinelTopology implements AutoCloseable {

    /** The name the Sentinels know the master by ({@code spring.data.redis.sentinel.master}). */
    public static final String MASTER_NAME = "sessions";
    /** How long a master may stay silent before a Sentinel calls it down. */
    public static final int DOWN_AFTER_MILLIS = 1000;

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisServerExtension> servers = new ArrayList<>();
    private final List<RedisServerExtension> sentinels = new ArrayList<>();

    private RedisSentinelTopology() {
    }

    /**
     * Starts the master, its replica (and waits until it is in sync) and three Sentinels (and waits until each
     * knows the replica and the other two), with their directories under {@code dir}. {@code serverArguments}
     * go to the master and the replica (e.g. an append-only file).
     */
    public static RedisSentinelTopology start(Path dir, String... serverArguments) {
        RedisSentinelTopology topology = new RedisSentinelTopology();
        try {
            RedisServerExtension master = RedisServerExtension.create().withDataDirectory(dir.resolve("master"))
                    .withArguments(serverArguments).start();
            topology.servers.add(master);
            topology.servers.add(RedisServerExtension.create().withDataDirectory(dir.resolve("replica"))
                    .withArguments(serverArguments)
                    .withArguments("--replicaof", RedisServerExtension.HOST, String.valueOf(master.port())).start());
            Poll.until("the replica in sync", SETTLE_TIMEOUT,
                    () -> topology.send(master.port(), "INFO", "replication").contains("state=online"));
            for (int i = 1; i <= 3; i++) {
                Path sentinelDir = Files.createDirectories(dir.resolve("sentinel-" + i));
                Path config = sentinelDir.resolve("sentinel.conf");
                Files.writeString(config, String.join("\n",
                        "sentinel monitor " + MASTER_NAME + " " + RedisServerExtension.HOST + " " + master.port() + " 2",
                        "sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER_MILLIS,
                        "sentinel failover-timeout " + MASTER_NAME + " 10000", ""), StandardCharsets.UTF_8);
                topology.sentinels.add(RedisServerExtension.create().withDataDirectory(sentinelDir)
                        .withArguments(config.toString(), "--sentinel").start());
            }
            for (RedisServerExtension sentinel : topology.sentinels) {
                Poll.until("Sentinel " + sentinel.port() + " knowing the replica and the other Sentinels",
                        SETTLE_TIMEOUT, () -> topology.send(sentinel.port(), "INFO", "sentinel")
                                .contains("slaves=1,sentinels=3"));
            }
            return topology;
        } catch (IOException e) {
            topology.close();
            throw new UncheckedIOException("could not write a Sentinel's configuration under " + dir, e);
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}, as {@code spring.data.redis.sentinel.nodes} takes them. */
    public String sentinelNodes() {
        return sentinels.stream().map(s -> RedisServerExtension.HOST + ":" + s.port())
                .collect(Collectors.joining(","));
    }

    /** The port of the master as the first Sentinel that answers names it. */
    public int masterPort() {
        IllegalStateException failure = new IllegalStateException("no Sentinel answered");
        for (RedisServerExtension sentinel : sentinels) {
            if (sentinel.isRunning()) {
                try {
                    return namedMaster(sentinel);
                } catch (UncheckedIOException | IllegalStateException e) {
                    failure.addSuppressed(e);
                }
            }
        }
        throw failure;
    }

    /** The master or the replica listening on {@code port}. */
    public RedisServerExtension server(int port) {
        return servers.stream().filter(s -> s.port() == port).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server of this topology on port " + port));
    }

    /**
     * Waits (at most {@code timeout}) until every Sentinel names a master other than the one on {@code oldPort}
     * and that server answers as a master.
     *
     * @return {@link System#nanoTime()} when that was first seen
     */
    public long awaitNewMaster(int oldPort, Duration timeout) {
        return Poll.until("a new master instead of " + oldPort, timeout, () -> newMasterElected(oldPort));
    }

    /**
     * One command on the server on {@code port} (a Sentinel, the master or the replica) over a new connection: its
     * reply as text (a status, an integer, a bulk string, or an array's elements one a line).
     */
    public String send(int port, String... args) {
        return Poll.send(port, args);
    }

    /** Stops the Sentinels first (so that they start no failover), then the servers; deletes nothing. */
    @Override
    public void close() {
        for (RedisServerExtension server : sentinels) {
            server.close();
        }
        for (RedisServerExtension server : servers) {
            server.close();
        }
    }

    private boolean newMasterElected(int oldPort) {
        for (RedisServerExtension sentinel : sentinels) {
            if (namedMaster(sentinel) == oldPort) {
                return false;
            }
        }
        return send(masterPort(), "INFO", "replication").contains("role:master");
    }

    /** The master's port as this Sentinel names it (its reply: the host, a line break, the port). */
    private int namedMaster(RedisServerExtension sentinel) {
        String[] address = send(sentinel.port(), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME).split("\n");
        return Integer.parseInt(address[address.length - 1]);
    }
}
