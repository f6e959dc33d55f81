package io.github.mwoauth.peers.scribejava;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.peers.testing.PeerLogin;
import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

class ScribejavaApplicationTests {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static LocalWiki wiki;
    private static ConfigurableApplicationContext app;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        wiki = PeerLogin.wikiWithContributor();
        // as benchmarks/run.sh registers it: a prefix consumer for any loopback port
        Consumer consumer = wiki.registerPrefixConsumer("Scribejava peer", "http://127.0.0.1:");
        int port = PeerLogin.freePort();
        base = "http://127.0.0.1:" + port;
        app = SpringApplication.run(ScribejavaApplication.class, "--server.port=" + port,
                "--WIKI_INDEX=" + wiki.indexUrl(), "--WIKI_API=" + wiki.apiUrl(),
                "--CONSUMER_KEY=" + consumer.key(), "--CONSUMER_SECRET=" + consumer.secret(),
                "--CALLBACK_URL=" + base + "/oauth-callback",
                "--spring.data.redis.host=" + REDIS.host(), "--spring.data.redis.port=" + REDIS.port());
    }

    @AfterAll
    static void stop() {
        app.close();
        wiki.close();
    }

    @Test
    void testQueryWhenLoggedInThroughTheWikiThenShowsTheContributionsFromOneSignedCall() throws Exception {
        String cookie = PeerLogin.login(base, "/login");
        assertThat(cookie).contains("SESSION=");
        assertThat(PeerLogin.get(base + "/", cookie).body()).contains("<p id=\"status\">logged in as: Alice</p>");

        long before = wiki.requestCount();
        PeerLogin.assertContributionsPage(PeerLogin.get(base + "/test_query", cookie));
        assertThat(wiki.requestCount() - before).isEqualTo(1);
    }

    @Test
    void testQueryWhenNotLoggedInThenUnauthorized() throws Exception {
        assertThat(PeerLogin.get(base + "/test_query", "").statusCode()).isEqualTo(401);
        assertThat(PeerLogin.get(base + "/", "").body()).contains("not logged in");
        assertThat(PeerLogin.get(base + "/oauth-callback?oauth_token=x&oauth_verifier=y", "").statusCode())
                .isEqualTo(400);
    }
}
