package io.github.mwoauth.peers.unsigned;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.peers.testing.PeerLogin;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.redis.RedisServerExtension;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

class UnsignedApplicationTests {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static LocalWiki wiki;
    private static ConfigurableApplicationContext app;
    private static String base;

    @BeforeAll
    static void start() {
        wiki = PeerLogin.wikiWithContributor();
        app = SpringApplication.run(UnsignedApplication.class, "--server.port=0", "--WIKI_API=" + wiki.apiUrl(),
                "--spring.data.redis.host=" + REDIS.host(), "--spring.data.redis.port=" + REDIS.port());
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        app.close();
        wiki.close();
    }

    @Test
    void testQueryWhenSeededThenShowsTheSessionUsersContributionsFromOneUnsignedCall() throws Exception {
        HttpResponse<String> seeded = PeerLogin.get(base + "/seed?user=" + PeerLogin.USER, "");
        assertThat(seeded.body()).contains("logged in as: " + PeerLogin.USER);
        String cookie = seeded.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        assertThat(cookie).startsWith("SESSION=");
        assertThat(REDIS.cli("KEYS", "spring:session:*")).contains(cookie.substring("SESSION=".length()));

        assertThat(PeerLogin.get(base + "/", cookie).body()).contains("<p id=\"status\">logged in as: Alice</p>");
        long before = wiki.requestCount();
        PeerLogin.assertContributionsPage(PeerLogin.get(base + "/test_query", cookie));
        assertThat(wiki.requestCount() - before).isEqualTo(1);
    }

    @Test
    void testQueryWhenNoSessionThenUnauthorized() throws Exception {
        HttpResponse<String> page = PeerLogin.get(base + "/test_query", "");
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.body()).contains("not logged in");
        assertThat(PeerLogin.get(base + "/seed", "").statusCode()).isEqualTo(400);
    }
}
