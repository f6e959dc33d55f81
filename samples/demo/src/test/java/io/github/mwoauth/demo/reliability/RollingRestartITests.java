package io.github.mwoauth.demo.reliability;

import io.github.mwoauth.testkit.redis.RedisServerExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scaled-out demo (two instances behind nginx, one Redis) restarted one instance at a time under load, as a
 * deployment rolls out a new version: each instance gets SIGTERM and shuts down gracefully
 * ({@code server.shutdown=graceful} in the demo's settings), then starts again ({@link RollingRestart}). The test
 * prints its line of the results table (docs/RELIABILITY.md) and writes it to
 * {@code target/reliability-rolling-restart/results.md}.
 */
class RollingRestartITests extends FailoverSuite {

    private RedisServerExtension redis;

    RollingRestartITests() {
        super("reliability-rolling-restart");
    }

    @Override
    AutoCloseable startRedis(Path redisDir) {
        redis = DemoInstance.redis(redisDir);
        return redis;
    }

    @Override
    Map<String, String> redisSettings() {
        return DemoInstance.singleRedis(redis.port());
    }

    /** Each restart warms its instance up again with 40 users, and the run logs in new users for a minute, about 12 a second. */
    @Override
    int wikiUsers() {
        return 3000;
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void eachInstanceWhenRestartedInTurnUnderLoadThenNoRequestFailsAndLoginsBegunOnItComplete() throws IOException {
        measure("rolling restart under load: A, then B (SIGTERM, graceful shutdown, start, warm-up)",
                users -> new RollingRestart(deployment, crowd, users));
    }
}
