package io.github.mwoauth.demo.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A suite of one disruption measured under load (a {@link Failover}, a {@link RollingRestart}): its Redis topology
 * and the scaled-out demo on it, started once for the class, and the measurement written to
 * {@code target/<name>/results.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FailoverSuite {

    final Crowd crowd = new Crowd();
    Deployment deployment;
    private final Path dir;
    private AutoCloseable redis;

    FailoverSuite(String name) {
        dir = Path.of("target", name).toAbsolutePath();
    }

    /** Starts the topology with its files under {@code redisDir}. */
    abstract AutoCloseable startRedis(Path redisDir);

    /** The instances' {@code spring.data.redis.*} settings for the topology started. */
    abstract Map<String, String> redisSettings();

    /** How many users the wiki knows: the suite's users, the logins during the disruption and the warm-ups. */
    int wikiUsers() {
        return 600;
    }

    @BeforeAll
    void start() {
        Deployment.emptyDirectory(dir);
        redis = startRedis(dir.resolve("redis"));
        deployment = new Deployment(dir, wikiUsers(), redisSettings(), ScaleOutITests.SESSION_STORE_BOUND, crowd);
    }

    @AfterAll
    void stop() {
        Deployment.closeAll(deployment, redis);
    }

    /** Logs 60 users in, runs {@code disruption} with them, writes and prints its line, checks its targets. */
    void measure(String check, Function<List<ScriptedUser>, ? extends Measurement> disruption) throws IOException {
        Measurement run = disruption.apply(crowd.loggedIn(60, 10, deployment.nginx.url()));
        Files.writeString(dir.resolve("results.md"), run.row(check) + "\n");
        run.assertTargets();
    }
}
