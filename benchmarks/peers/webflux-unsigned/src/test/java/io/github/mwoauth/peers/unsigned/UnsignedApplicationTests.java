package io.github.mwoauth.peers.unsigned;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.peers.testing.PeerApp;
import io.github.mwoauth.peers.testing.PeerAppTests;
import io.github.mwoauth.peers.testing.PeerLogin;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UnsignedApplicationTests extends PeerAppTests {

    @BeforeAll
    static void start() throws Exception {
        app = PeerApp.start(UnsignedApplication.class, PeerLogin.freePort(), REDIS, "WIKI_API=" + wiki.apiUrl());
    }

    @Test
    void testQueryWhenSeededThenShowsTheSessionUsersContributionsFromOneUnsignedCall() throws Exception {
        HttpResponse<String> seeded = PeerLogin.get(app.base() + "/seed?user=" + PeerLogin.USER, "");
        assertThat(seeded.body()).contains("logged in as: " + PeerLogin.USER);
        String cookie = seeded.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        assertThat(cookie).startsWith("SESSION=");
        assertThat(REDIS.cli("KEYS", "spring:session:*")).contains(cookie.substring("SESSION=".length()));

        PeerLogin.assertLoggedIn(wiki, app.base(), cookie);
    }

    @Test
    void testQueryWhenTheSessionIsOnlyReadThenOneRedisCommandAsForTheDemo() throws Exception {
        HttpResponse<String> seeded = PeerLogin.get(app.base() + "/seed?user=" + PeerLogin.USER, "");
        String cookie = seeded.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        PeerLogin.get(app.base() + "/test_query", cookie);

        long before = redisCommands();
        PeerLogin.assertContributionsPage(PeerLogin.get(app.base() + "/test_query", cookie));
        assertThat(redisCommands() - before).as("the session's HGETALL, no write-back").isEqualTo(1);
    }

    /** Every command Redis has served but INFO itself. */
    private static long redisCommands() {
        Matcher calls = Pattern.compile("cmdstat_(\\w+):calls=(\\d+)").matcher(REDIS.cli("INFO", "commandstats"));
        long total = 0;
        while (calls.find()) {
            total += calls.group(1).equals("info") ? 0 : Long.parseLong(calls.group(2));
        }
        return total;
    }

    @Test
    void testQueryWhenNoSessionThenUnauthorized() throws Exception {
        HttpResponse<String> page = PeerLogin.get(app.base() + "/test_query", "");
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.body()).contains("not logged in");
        assertThat(PeerLogin.get(app.base() + "/seed", "").statusCode()).isEqualTo(400);
    }
}
