package io.github.mwoauth.peers.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.peers.testing.PeerApp;
import io.github.mwoauth.peers.testing.PeerAppTests;
import io.github.mwoauth.peers.testing.PeerLogin;
import io.github.mwoauth.testkit.OAuth2Client;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SecurityApplicationTests extends PeerAppTests {

    @BeforeAll
    static void start() throws Exception {
        int port = PeerLogin.freePort();
        // the wiki compares redirect URIs exactly: Spring Security's default for this port
        OAuth2Client client = wiki.registerConfidentialClient("Spring Security peer",
                "http://127.0.0.1:" + port + "/login/oauth2/code/mediawiki");
        app = PeerApp.start(SecurityApplication.class, port, REDIS, "WIKI_SCRIPT_PATH=" + wiki.scriptPath(),
                "OAUTH2_CLIENT_ID=" + client.clientId(), "OAUTH2_CLIENT_SECRET=" + client.clientSecret());
    }

    @Test
    void testQueryWhenLoggedInThroughTheWikiThenShowsTheContributionsFromOneBearerCall() throws Exception {
        String cookie = PeerLogin.login(app.base(), "/login");
        String session = cookie.replaceAll(".*SESSION=([^;]+).*", "$1");
        assertThat(REDIS.cli("HKEYS", "spring:session:sessions:" + session))
                .as("the tokens live in the WebSession, in Redis").contains("AUTHORIZED_CLIENTS");

        PeerLogin.assertLoggedIn(wiki, app.base(), cookie);
    }

    @Test
    void testQueryWhenNotLoggedInThenRedirectsToTheLogin() throws Exception {
        HttpResponse<String> page = PeerLogin.get(app.base() + "/test_query", "");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue("/oauth2/authorization/mediawiki");
        assertThat(PeerLogin.get(app.base() + "/", "").body()).contains("not logged in");
    }
}
