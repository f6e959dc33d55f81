package io.github.mwoauth.testkit.redis;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Where the Redis binaries of this machine are, with a message naming the package to install when they are not. */
final class RedisInstallation {

    private RedisInstallation() {
    }

    /** {@code redis-server}: the system property {@code redis.server}, the PATH, or Debian's. */
    static Path server() {
        String configured = System.getProperty("redis.server");
        if (configured != null) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("redis-server not found at " + path + " (system property "
                        + "redis.server): install it (Debian, Ubuntu: sudo apt-get install redis-server) or point "
                        + "redis.server at the binary");
            }
            return path;
        }
        Path found = onPath("redis-server");
        if (found != null) {
            return found;
        }
        Path debian = Path.of("/usr/bin/redis-server");
        if (Files.isExecutable(debian)) {
            return debian;
        }
        throw new IllegalStateException("redis-server not found on the PATH nor at /usr/bin/redis-server: install it "
                + "(Debian, Ubuntu: sudo apt-get install redis-server) or set the system property redis.server to the "
                + "binary");
    }

    /** {@code redis-cli}: the system property {@code redis.cli}, beside the server, or the PATH. */
    static Path cli() {
        String configured = System.getProperty("redis.cli");
        if (configured != null) {
            return Path.of(configured);
        }
        Path sibling = server().resolveSibling("redis-cli");
        if (Files.isExecutable(sibling)) {
            return sibling;
        }
        Path found = onPath("redis-cli");
        if (found != null) {
            return found;
        }
        throw new IllegalStateException("redis-cli not found beside " + server() + " nor on the PATH: install it "
                + "(Debian, Ubuntu: sudo apt-get install redis-tools) or set the system property redis.cli");
    }

    private static @Nullable Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                Path candidate = Path.of(entry, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
