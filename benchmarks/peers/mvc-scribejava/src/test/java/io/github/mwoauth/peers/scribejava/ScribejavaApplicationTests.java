package io.github.mwoauth.peers.scribejava;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.peers.testing.PeerApp;
import io.github.mwoauth.peers.testing.PeerAppTests;
import io.github.mwoauth.peers.testing.PeerLogin;
import io.github.mwoauth.testkit.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScribejavaApplicationTests extends PeerAppTests {

    @BeforeAll
    static void start() throws Exception {
        // as benchmarks/run.sh registers it: a prefix consumer for any loopback port
        Consumer consumer = wiki.registerPrefixConsumer("Scribejava peer", "http://127.0.0.1:");
        int port = PeerLogin.freePort();
        app = PeerApp.start(ScribejavaApplication.class, port, REDIS, "WIKI_INDEX=" + wiki.indexUrl(),
                "WIKI_API=" + wiki.apiUrl(), "CONSUMER_KEY=" + consumer.key(),
                "CONSUMER_SECRET=" + consumer.secret(), "CALLBACK_URL=http://127.0.0.1:" + port + "/oauth-callback");
    }

    @Test
    void testQueryWhenLoggedInThroughTheWikiThenShowsTheContributionsFromOneSignedCall() throws Exception {
        String cookie = PeerLogin.login(app.base(), "/login");
        assertThat(cookie).contains("SESSION=");

        PeerLogin.assertLoggedIn(wiki, app.base(), cookie);
    }

    @Test
    void testQueryWhenNotLoggedInThenUnauthorized() throws Exception {
        assertThat(PeerLogin.get(app.base() + "/test_query", "").statusCode()).isEqualTo(401);
        assertThat(PeerLogin.get(app.base() + "/", "").body()).contains("not logged in");
        assertThat(PeerLogin.get(app.base() + "/oauth-callback?oauth_token=x&oauth_verifier=y", "").statusCode())
                .isEqualTo(400);
    }
}
