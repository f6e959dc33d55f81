package io.github.mwoauth.peers.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.peers.testing.PeerLogin;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.OAuth2Client;
import io.github.mwoauth.testkit.redis.RedisServerExtension;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

class SecurityApplicationTests {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static LocalWiki wiki;
    private static ConfigurableApplicationContext app;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        wiki = PeerLogin.wikiWithContributor();
        int port = PeerLogin.freePort();
        base = "http://127.0.0.1:" + port;
        // the wiki compares redirect URIs exactly: Spring Security's default for this port
        OAuth2Client client = wiki.registerConfidentialClient("Spring Security peer",
                base + "/login/oauth2/code/mediawiki");
        app = SpringApplication.run(SecurityApplication.class, "--server.port=" + port,
                "--WIKI_SCRIPT_PATH=" + wiki.scriptPath(), "--OAUTH2_CLIENT_ID=" + client.clientId(),
                "--OAUTH2_CLIENT_SECRET=" + client.clientSecret(),
                "--spring.data.redis.host=" + REDIS.host(), "--spring.data.redis.port=" + REDIS.port());
    }

    @AfterAll
    static void stop() {
        app.close();
        wiki.close();
    }

    @Test
    void testQueryWhenLoggedInThroughTheWikiThenShowsTheContributionsFromOneBearerCall() throws Exception {
        String cookie = PeerLogin.login(base, "/login");
        String session = cookie.replaceAll(".*SESSION=([^;]+).*", "$1");
        assertThat(REDIS.cli("HKEYS", "spring:session:sessions:" + session))
                .as("the tokens live in the WebSession, in Redis").contains("AUTHORIZED_CLIENTS");
        assertThat(PeerLogin.get(base + "/", cookie).body()).contains("<p id=\"status\">logged in as: Alice</p>");

        long before = wiki.requestCount();
        PeerLogin.assertContributionsPage(PeerLogin.get(base + "/test_query", cookie));
        assertThat(wiki.requestCount() - before).isEqualTo(1);
    }

    @Test
    void testQueryWhenNotLoggedInThenRedirectsToTheLogin() throws Exception {
        HttpResponse<String> page = PeerLogin.get(base + "/test_query", "");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue("/oauth2/authorization/mediawiki");
        assertThat(PeerLogin.get(base + "/", "").body()).contains("not logged in");
    }
}
