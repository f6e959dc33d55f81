package io.github.mwoauth.demo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.oauth1.ConsumerCredentials;
import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.WikiUser;
import io.github.mwoauth.testkit.redis.RedisServerExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The full flow with the loudest logging (TRACE for the library, Spring's web and codec packages, Reactor
 * Netty, Lettuce, Spring Session and Spring Data Redis): no consumer secret and no access-token secret in the
 * log, in Redis's append-only file (everything ever written to Redis), or in {@code toString()}.
 */
class SecretsInLogsITests {

    private static final List<String> LOUD = List.of("io.github.mwoauth", "org.springframework.web",
            "org.springframework.http", "org.springframework.core.codec", "reactor.netty", "io.lettuce",
            "org.springframework.session", "org.springframework.data.redis");

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fullFlowWhenTraceLoggingThenNoSecretInLogsRedisOrToString() throws IOException {
        Path dir = Path.of("target", "reliability-secrets").toAbsolutePath();
        if (Files.exists(dir)) {
            try (var old = Files.walk(dir)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Path redisDir = Files.createDirectories(dir.resolve("redis"));
        int appPort = Ports.free();
        List<String> users = List.of("Alice", "Bob", "Carol");
        try (LocalWiki wiki = LocalWiki.start();
                RedisServerExtension redis = DemoInstance.redis(redisDir)) {
            for (String user : users) {
                wiki.registerUser(WikiUser.named(user)
                        .contribution(user + "/page", 1000 + user.length(), Instant.parse("2026-01-01T00:00:00Z"), "x")
                        .build());
            }
            Consumer consumer = wiki.registerOobConsumer("Loud", "http://127.0.0.1:" + appPort + "/oauth-callback");
            Map<String, String> properties = DemoInstance.settings(wiki, consumer, DemoInstance.singleRedis(redis.port()));
            for (String logger : LOUD) {
                properties.put("logging.level." + logger, "TRACE");
            }
            Path log = dir.resolve("app.log");
            List<String> secrets = new ArrayList<>(List.of(consumer.secret()));
            try (DemoInstance app = new DemoInstance("loud", appPort, properties, log)) {
                app.awaitReady(Duration.ofSeconds(90));
                for (String user : users) {
                    ScriptedUser browser = new ScriptedUser(user);
                    browser.logIn(app.url());
                    assertThat(ScriptedUser.statusOf(browser.get(app.url() + "/"))).isEqualTo("logged in as: " + user);
                    assertThat(browser.get(app.url() + "/test_query").body()).contains(user + "/page");
                    AccessToken token = wiki.authorize(user, consumer);
                    secrets.add(token.secret());
                    assertThat(token.toString()).doesNotContain(token.secret());
                    assertThat(browser.get(app.url() + "/logout").status()).isEqualTo(302);
                }
            }
            assertThat(new ConsumerCredentials(consumer.key(), consumer.secret()).toString())
                    .doesNotContain(consumer.secret());
            String logText = Files.readString(log, StandardCharsets.UTF_8);
            String aof = readAll(redisDir);
            System.out.println("Secrets check: " + logText.lines().count() + " log lines at TRACE, " + aof.length()
                    + " bytes of Redis AOF, " + secrets.size() + " secrets looked for");
            assertThat(logText.lines().count()).as("TRACE logging was on").isGreaterThan(1000);
            assertThat(logText).contains("oauth_token", "TRACE");
            assertThat(aof).contains("spring:session");
            for (String secret : secrets) {
                assertThat(logText).as("log").doesNotContain(secret);
                assertThat(aof).as("Redis").doesNotContain(secret);
            }
        }
    }

    private static String readAll(Path dir) {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }
}
