package io.github.mwoauth.testkit.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Redis Cluster on the loopback interface: three masters with a replica each, six {@code redis-server
 * --cluster-enabled yes} joined by {@code redis-cli --cluster create ... --cluster-replicas 1}, each a
 * {@link RedisServerExtension} with its data and log in its own directory under the one given. A node silent for
 * {@value #NODE_TIMEOUT_MILLIS} ms is failed, and its replica takes its slots over.
 *
 * <pre>{@code
 * try (RedisClusterTopology redis = RedisClusterTopology.start(dir)) {
 *     connectTo(redis.nodes());                        // spring.data.redis.cluster.nodes
 *     int master = redis.masterOf("some:key");
 *     redis.server(master).kill();                     // SIGKILL a master
 *     redis.awaitFailover(master, Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Its methods block; call them from a test's thread, never from an event loop.
 */
public final class RedisClusterTopology implements AutoCloseable {

    /** {@code cluster-node-timeout}: how long a node may stay silent before the others fail it. */
    public static final int NODE_TIMEOUT_MILLIS = 1000;

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisServerExtension> servers = new ArrayList<>();

    private RedisClusterTopology() {
    }

    /**
     * Starts six nodes, creates the cluster and waits until every node reports it ok and knows the five others,
     * and every replica is in sync with its master.
     * {@code serverArguments} go to every node (e.g. an append-only file).
     */
    public static RedisClusterTopology start(Path dir, String... serverArguments) {
        RedisClusterTopology topology = new RedisClusterTopology();
        try {
            for (int i = 1; i <= 6; i++) {
                topology.servers.add(RedisServerExtension.create().withDataDirectory(dir.resolve("node-" + i))
                        .withArguments("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                                "--cluster-node-timeout", String.valueOf(NODE_TIMEOUT_MILLIS))
                        .withArguments(serverArguments).start());
            }
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            topology.servers.forEach(s -> create.add(RedisServerExtension.HOST + ":" + s.port()));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            String created = topology.servers.get(0).cli(create.toArray(String[]::new));
            if (!created.contains("All 16384 slots covered")) {
                throw new IllegalStateException("redis-cli --cluster create failed:\n" + created);
            }
            for (RedisServerExtension server : topology.servers) {
                Poll.until("node " + server.port() + " to see the cluster ok", SETTLE_TIMEOUT,
                        () -> topology.send(server.port(), "CLUSTER", "INFO").contains("cluster_state:ok")
                                && topology.send(server.port(), "CLUSTER", "NODES").lines().count() == 6
                                && !topology.send(server.port(), "CLUSTER", "NODES").contains("handshake")
                                && topology.inSync(server.port()));
            }
            return topology;
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:p1,...,127.0.0.1:p6}, as {@code spring.data.redis.cluster.nodes} takes them. */
    public String nodes() {
        return servers.stream().map(s -> RedisServerExtension.HOST + ":" + s.port()).collect(Collectors.joining(","));
    }

    /** The ports of the masters as the first running node sees them, failed ones left out. */
    public List<Integer> masterPorts() {
        return clusterNodes().stream().filter(n -> n.flags().contains("master") && !n.flags().contains("fail"))
                .map(Node::port).toList();
    }

    /** The port of the master that serves {@code key}'s slot, as the first running node sees it. */
    public int masterOf(String key) {
        int slot = Integer.parseInt(send(running().port(), "CLUSTER", "KEYSLOT", key));
        return clusterNodes().stream().filter(n -> n.flags().contains("master") && !n.flags().contains("fail")
                && n.serves(slot)).map(Node::port).findFirst()
                .orElseThrow(() -> new IllegalStateException("no master serves slot " + slot));
    }

    /** The node listening on {@code port}. */
    public RedisServerExtension server(int port) {
        return servers.stream().filter(s -> s.port() == port).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node of this cluster on port " + port));
    }

    /**
     * Waits (at most {@code timeout}) until every running node reports the cluster ok, the master on
     * {@code deadPort} failed and holding no slot, and three other masters serving them all.
     *
     * @return {@link System#nanoTime()} when that was first seen
     */
    public long awaitFailover(int deadPort, Duration timeout) {
        return Poll.until("the slots of " + deadPort + " taken over", timeout, () -> servers.stream()
                .filter(s -> s.isRunning() && s.port() != deadPort).allMatch(s -> {
                    String nodes = send(s.port(), "CLUSTER", "NODES");
                    List<Node> seen = parse(nodes);
                    return send(s.port(), "CLUSTER", "INFO").contains("cluster_state:ok")
                            && seen.stream().noneMatch(n -> n.port() == deadPort
                                    && (!n.flags().contains("fail") || !n.slots().isEmpty()))
                            && seen.stream().filter(n -> n.flags().contains("master") && !n.flags().contains("fail")
                                    && !n.slots().isEmpty()).count() == 3;
                }));
    }

    /** One command on the node on {@code port}, as {@link RedisSentinelTopology#send(int, String...)}. */
    public String send(int port, String... args) {
        return Poll.send(port, args);
    }

    /** Stops every node; deletes nothing. */
    @Override
    public void close() {
        for (RedisServerExtension server : servers) {
            server.close();
        }
    }

    /** A master with its replica online, or a replica with its link to the master up. */
    private boolean inSync(int port) {
        String replication = send(port, "INFO", "replication");
        return replication.contains("role:master") ? replication.contains("state=online")
                : replication.contains("master_link_status:up");
    }

    private RedisServerExtension running() {
        return servers.stream().filter(RedisServerExtension::isRunning).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of the cluster is running"));
    }

    private List<Node> clusterNodes() {
        return parse(send(running().port(), "CLUSTER", "NODES"));
    }

    /** {@code CLUSTER NODES}: one line a node, {@code id ip:port@cport flags master ping pong epoch link slots...}. */
    private static List<Node> parse(String nodes) {
        return nodes.lines().map(line -> line.split(" ")).map(f -> new Node(
                Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1, f[1].indexOf('@'))), f[2],
                List.of(f).subList(8, f.length))).toList();
    }

    private record Node(int port, String flags, List<String> slots) {
        boolean serves(int slot) {
            for (String range : slots) {
                if (range.startsWith("[")) {
                    continue; // a slot being migrated
                }
                String[] ends = range.split("-");
                int first = Integer.parseInt(ends[0]);
                int last = Integer.parseInt(ends[ends.length - 1]);
                if (slot >= first && slot <= last) {
                    return true;
                }
            }
            return false;
        }
    }
}
