package io.github.mwoauth.peers.testing;

import io.github.mwoauth.testkit.redis.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** A peer app running in the test's JVM on a given port, its sessions in the test's Redis. */
public final class PeerApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final String base;

    private PeerApp(ConfigurableApplicationContext context, String base) {
        this.context = context;
        this.base = base;
    }

    /**
     * Starts {@code application} on {@code port} with {@code settings} ({@code NAME=value}, as the environment
     * variables its README names).
     */
    public static PeerApp start(Class<?> application, int port, RedisServerExtension redis, String... settings) {
        // the apps bound Redis commands to 2 s, as the demo does; a test machine busy with other builds can take
        // longer to set up the first connection
        List<String> args = new ArrayList<>(List.of("--server.port=" + port,
                "--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
                "--spring.data.redis.timeout=10s", "--spring.data.redis.connect-timeout=5s"));
        for (String setting : settings) {
            args.add("--" + setting);
        }
        return new PeerApp(SpringApplication.run(application, args.toArray(String[]::new)),
                "http://127.0.0.1:" + port);
    }

    /** {@code http://127.0.0.1:PORT} */
    public String base() {
        return base;
    }

    @Override
    public void close() {
        context.close();
    }
}
