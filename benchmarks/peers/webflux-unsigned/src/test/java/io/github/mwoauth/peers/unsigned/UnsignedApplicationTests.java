package io.github.mwoauth.peers.unsigned;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.peers.testing.PeerApp;
import io.github.mwoauth.peers.testing.PeerAppTests;
import io.github.mwoauth.peers.testing.PeerLogin;
import java.net.http.HttpResponse;
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
    void testQueryWhenNoSessionThenUnauthorized() throws Exception {
        HttpResponse<String> page = PeerLogin.get(app.base() + "/test_query", "");
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.body()).contains("not logged in");
        assertThat(PeerLogin.get(app.base() + "/seed", "").statusCode()).isEqualTo(400);
    }
}
