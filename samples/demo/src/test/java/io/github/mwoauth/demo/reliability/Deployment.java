package io.github.mwoauth.demo.reliability;

import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.WikiUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The demo scaled out on this machine, loopback only, around a Redis the suite starts: a LocalWiki with the crowd's
 * users, two demo instances in their own JVMs sharing the session key and that Redis, each warmed up, and
 * Debian's nginx round-robin in front. Its files (logs, nginx's configuration) are in a directory emptied first.
 */
final class Deployment implements AutoCloseable {

    final LocalWiki wiki;
    final DemoInstance a;
    final DemoInstance b;
    final NginxProcess nginx;

    /**
     * Starts it all in {@code dir}: {@code users} wiki users as {@link Crowd#userName(int)} names them, the
     * instances with {@code redis}'s settings ({@code spring.data.redis.*}) and {@code sessionStoreBound}.
     */
    Deployment(Path dir, int users, Map<String, String> redis, Duration sessionStoreBound, Crowd crowd) {
        int nginxPort = Ports.free();
        wiki = LocalWiki.start();
        for (int i = 1; i <= users; i++) {
            String name = Crowd.userName(i);
            wiki.registerUser(WikiUser.named(name)
                    .contribution(name + "/first", 100_000L + 2L * i, Instant.parse("2026-01-01T00:00:00Z"), "one")
                    .contribution(name + "/second", 100_001L + 2L * i, Instant.parse("2026-01-02T00:00:00Z"), "two")
                    .build());
        }
        Consumer consumer = wiki.registerOobConsumer("Scale-out demo",
                "http://127.0.0.1:" + nginxPort + "/oauth-callback");
        Map<String, String> properties = DemoInstance.settings(wiki, consumer, redis);
        properties.put("mediawiki.oauth.session-store-timeout", sessionStoreBound.toMillis() + "ms");
        a = new DemoInstance("instance-a", Ports.free(), properties, dir.resolve("instance-a.log"));
        b = new DemoInstance("instance-b", Ports.free(), properties, dir.resolve("instance-b.log"));
        a.awaitReady(Duration.ofSeconds(90));
        b.awaitReady(Duration.ofSeconds(90));
        nginx = new NginxProcess(nginxPort, List.of(a.port, b.port), dir.resolve("nginx"));
        crowd.warmUp(a.url());
        crowd.warmUp(b.url());
    }

    /** {@code dir}, created, and emptied of an earlier run's files. */
    static Path emptyDirectory(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (var old = Files.walk(dir)) {
                    old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closeAll(nginx, a, b, wiki);
    }

    /** Closes each one that is not null, in order, going on past a failure (printed). */
    static void closeAll(AutoCloseable... closeables) {
        for (AutoCloseable c : closeables) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("could not stop " + c + ": " + e);
            }
        }
    }
}
