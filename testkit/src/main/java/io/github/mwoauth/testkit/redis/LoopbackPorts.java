package io.github.mwoauth.testkit.redis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Ports for test servers: free when chosen, never the same twice in this JVM, so a restart can keep its port. */
final class LoopbackPorts {

    /** Below the ephemeral range of Linux (32768-60999), macOS and Windows (49152-65535). */
    private static final int FIRST_PORT = 20_000;
    private static final int LAST_PORT = 32_000;
    private static final Set<Integer> PORTS_GIVEN = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {
    }

    /** A loopback port nothing listens on, never the same one twice in this JVM. */
    static int free(String host) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(FIRST_PORT, LAST_PORT);
            if (!PORTS_GIVEN.add(candidate)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(host, candidate));
                return candidate;
            } catch (IOException inUse) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between " + FIRST_PORT + " and " + LAST_PORT);
    }
}
