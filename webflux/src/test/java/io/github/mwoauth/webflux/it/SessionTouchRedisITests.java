package io.github.mwoauth.webflux.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.redis.RedisServerExtension;
import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.SessionSealer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;

/**
 * What a request costs in Redis behind {@code TouchThrottlingSessionRepository}, counted by Redis itself
 * ({@code INFO commandstats}), and that the throttle keeps what sessions must do: changes saved at once, the
 * session id rotated at login, the expiry renewed once the stored access time is old enough, idle sessions
 * expired.
 */
class SessionTouchRedisITests {

    private static final Pattern COMMAND = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)");
    private static final Duration MINUTES_30 = Duration.ofMinutes(30);

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static LocalWiki wiki;
    private static Consumer consumer;

    @BeforeAll
    static void start() {
        wiki = LocalWiki.start();
        wiki.registerUser("Alice");
        consumer = wiki.registerOobConsumer("Example Tool", "http://app.test/oauth-callback");
    }

    @AfterAll
    static void stop() {
        if (wiki != null) {
            wiki.close();
        }
    }

    @Test
    void getWhenLoggedInAndAccessTimeRecentThenOnlyTheSessionLoad() {
        try (RedisBackedApp app = app(MINUTES_30, Duration.ofSeconds(60))) {
            Browser browser = loggedIn(app);

            Map<String, Long> index = commandsOf(() -> assertThat(browser.get("/").getResponseBody())
                    .isEqualTo("logged in as: Alice"));
            Map<String, Long> query = commandsOf(() -> assertThat(browser.get("/test_query").getStatus())
                    .isEqualTo(HttpStatus.OK));

            assertThat(index).isEqualTo(Map.of("hgetall", 1L));
            assertThat(query).isEqualTo(Map.of("hgetall", 1L));
        }
    }

    @Test
    void getWhenSpringSessionAloneThenEveryRequestWritesTheSession() {
        try (RedisBackedApp app = app(MINUTES_30, Duration.ZERO)) {
            Browser browser = loggedIn(app);

            Map<String, Long> index = commandsOf(() -> browser.get("/"));

            assertThat(index).containsKeys("hgetall", "expire");
            assertThat(total(index)).isGreaterThan(2);
        }
    }

    @Test
    void getWhenStoredAccessTimeOlderThanIntervalThenWrittenAndExpiryRenewed() {
        // 10 min asked for, at most half the 4 min idle timeout used: 2 min
        try (RedisBackedApp app = app(Duration.ofMinutes(4), Duration.ofMinutes(10))) {
            Browser browser = loggedIn(app);
            String key = key(browser);
            long young = Instant.now().minusSeconds(90).toEpochMilli();
            REDIS.cli("HSET", key, "lastAccessedTime", "L" + young);
            REDIS.cli("EXPIRE", key, "150");

            Map<String, Long> notYet = commandsOf(() -> browser.get("/"));
            assertThat(notYet).isEqualTo(Map.of("hgetall", 1L));
            assertThat(storedAccessTime(key)).isEqualTo(young);
            assertThat(ttl(key)).isLessThanOrEqualTo(150);

            long old = Instant.now().minusSeconds(150).toEpochMilli();
            REDIS.cli("HSET", key, "lastAccessedTime", "L" + old);
            long before = Instant.now().toEpochMilli();
            assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");

            assertThat(storedAccessTime(key)).isGreaterThanOrEqualTo(before);
            assertThat(ttl(key)).isGreaterThan(200);
        }
    }

    @Test
    void loginAndLogoutWhenThrottledThenIdRotatedAndChangesSavedAtOnce() {
        try (RedisBackedApp app = app(MINUTES_30, Duration.ofSeconds(60))) {
            Browser browser = new Browser(app.web);
            browser.get("/login");
            String anonymous = browser.session();
            assertThat(anonymous).isNotNull();
            assertThat(REDIS.cli("HEXISTS", "spring:session:sessions:" + anonymous, "sessionAttr:mwoauth.pending"))
                    .contains("1");

            browser.login(wiki, "Alice", "/login");

            assertThat(browser.session()).isNotNull().isNotEqualTo(anonymous);
            assertThat(REDIS.cli("EXISTS", "spring:session:sessions:" + anonymous)).contains("0");
            assertThat(REDIS.cli("HSTRLEN", key(browser), "sessionAttr:mwoauth.user")).doesNotContain("(integer) 0");

            assertThat(browser.get("/logout").getStatus()).isEqualTo(HttpStatus.FOUND);
            // Spring Session's reactive repository "removes" by writing an empty value
            assertThat(REDIS.cli("HSTRLEN", key(browser), "sessionAttr:mwoauth.user")).contains("(integer) 0");
            assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
        }
    }

    @Test
    void getWhenStoredAccessTimeOlderThanIdleTimeoutThenNotLoggedIn() {
        try (RedisBackedApp app = app(MINUTES_30, Duration.ofSeconds(60))) {
            Browser browser = loggedIn(app);
            REDIS.cli("HSET", key(browser), "lastAccessedTime", "L" + Instant.now().minus(Duration.ofMinutes(31))
                    .toEpochMilli());

            assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
        }
    }

    @Test
    void getWhenIdleLongerThanTimeoutThenRedisExpiredTheSession() throws InterruptedException {
        try (RedisBackedApp app = app(Duration.ofSeconds(4), Duration.ofSeconds(60))) {
            Browser browser = loggedIn(app);
            String key = key(browser);
            assertThat(ttl(key)).isBetween(1L, 4L);

            Instant deadline = Instant.now().plusSeconds(15);
            while (REDIS.cli("EXISTS", key).contains("1") && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }

            assertThat(REDIS.cli("EXISTS", key)).contains("0");
            assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
        }
    }

    private static RedisBackedApp app(Duration maxInactive, Duration touchInterval) {
        return new RedisBackedApp(wiki, consumer, REDIS.port(), SessionSealer.ephemeral(),
                MediaWikiOAuthOptions.defaults(), maxInactive, touchInterval);
    }

    private static Browser loggedIn(RedisBackedApp app) {
        Browser browser = new Browser(app.web);
        browser.login(wiki, "Alice", "/login");
        assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");
        return browser;
    }

    private static String key(Browser browser) {
        return "spring:session:sessions:" + browser.session();
    }

    private static long storedAccessTime(String key) {
        String raw = REDIS.cli("--raw", "HGET", key, "lastAccessedTime").trim();
        assertThat(raw).startsWith("L");
        return Long.parseLong(raw.substring(1));
    }

    private static long ttl(String key) {
        return Long.parseLong(REDIS.cli("--raw", "TTL", key).trim());
    }

    /** The commands Redis served while {@code request} ran, by name (the counting commands themselves left out). */
    private static Map<String, Long> commandsOf(Runnable request) {
        REDIS.cli("CONFIG", "RESETSTAT");
        request.run();
        Map<String, Long> calls = new TreeMap<>();
        Matcher m = COMMAND.matcher(REDIS.cli("INFO", "commandstats"));
        while (m.find()) {
            String name = m.group(1);
            if (!name.equals("config|resetstat") && !name.equals("info")) {
                calls.put(name, Long.parseLong(m.group(2)));
            }
        }
        return calls;
    }

    private static long total(Map<String, Long> calls) {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }
}
