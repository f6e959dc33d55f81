package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwoauth.http.Parameter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the two profiles share and where they differ (wire notes §9 and §10), over real HTTP. */
class WikiProfileTests {

    static final String REDIRECT = "http://127.0.0.1:5000/oauth2-callback";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk0123456789";
    static final JsonMapper JSON = JsonMapper.builder().build();

    final MutableClock clock = MutableClock.startingNow();
    final WireClient client = new WireClient(clock);

    LocalWiki start(WikiProfile profile) {
        LocalWiki wiki = LocalWiki.builder().clock(clock).profile(profile).start();
        wiki.registerUser("Alice");
        return wiki;
    }

    JsonNode tokens(LocalWiki wiki, OAuth2Client c) {
        String authorize = wiki.scriptPath() + "/rest.php/oauth2/authorize?response_type=code&client_id="
                + c.clientId() + "&code_challenge=" + OAuth2Server.s256(VERIFIER) + "&code_challenge_method=S256";
        String code = wiki.approveOAuth2(URI.create(authorize), "Alice").code();
        return JSON.readTree(client.postForm(wiki.scriptPath() + "/rest.php/oauth2/access_token", List.of(
                Parameter.of("grant_type", "authorization_code"), Parameter.of("code", code),
                Parameter.of("client_id", c.clientId()), Parameter.of("client_secret", c.clientSecret()),
                Parameter.of("code_verifier", VERIFIER))).body());
    }

    WireClient.Response api(LocalWiki wiki, String bearer) {
        return client.get(wiki.apiUrl() + "?action=query&meta=userinfo&format=json", "Authorization",
                "Bearer " + bearer);
    }

    @Test
    void rel139WhenAccessTokenExpiredThenHttp200InvalidAccessTokenWithoutChallenge() {
        try (LocalWiki wiki = start(WikiProfile.REL1_39)) {
            assertThat(wiki.profile()).isEqualTo(WikiProfile.REL1_39);
            String token = tokens(wiki, wiki.registerConfidentialClient("Tool", REDIRECT)).get("access_token")
                    .asString();
            clock.advance(Duration.ofHours(1));
            WireClient.Response r = api(wiki, token);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("WWW-Authenticate")).isEmpty();
            assertThat(r.body()).contains("Invalid access token");
        }
    }

    @Test
    void productionWhenAccessTokenExpiredThen401WithInvalidTokenChallenge() {
        try (LocalWiki wiki = start(WikiProfile.WIKIMEDIA_PRODUCTION)) {
            String token = tokens(wiki, wiki.registerConfidentialClient("Tool", REDIRECT)).get("access_token")
                    .asString();
            clock.advance(Duration.ofHours(1));
            WireClient.Response r = api(wiki, token);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer ").contains("invalid_token");
            assertThat(r.header("MediaWiki-API-Error")).isEqualTo("mwoauth-invalid-authorization");
        }
    }

    @ParameterizedTest
    @EnumSource(WikiProfile.class)
    void refreshTokensWhenDefaultThenLiveAMonth(WikiProfile profile) {
        try (LocalWiki wiki = start(profile)) {
            OAuth2Client c = wiki.registerConfidentialClient("Tool", REDIRECT);
            String refresh = tokens(wiki, c).get("refresh_token").asString();
            clock.advance(Duration.ofDays(29));
            WireClient.Response r = client.postForm(wiki.scriptPath() + "/rest.php/oauth2/access_token", List.of(
                    Parameter.of("grant_type", "refresh_token"), Parameter.of("refresh_token", refresh),
                    Parameter.of("client_id", c.clientId()), Parameter.of("client_secret", c.clientSecret())));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(WikiProfile.class)
    void publicClientWhenNoCodeChallengeThenRefusedInBothProfiles(WikiProfile profile) {
        assertThat(profile.pkceRequiredForPublicClients()).isTrue();
        try (LocalWiki wiki = start(profile)) {
            OAuth2Client app = wiki.registerPublicClient("App", REDIRECT);
            WireClient.Response r = client.get(wiki.scriptPath() + "/rest.php/oauth2/authorize?response_type=code"
                    + "&client_id=" + app.clientId() + "&as=Alice");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("Application Connection Error");
        }
    }

    @Test
    void builderWhenRefreshTokenLifetimeNotPositiveThenIllegalArgument() {
        assertThatThrownBy(() -> LocalWiki.builder().refreshTokenLifetime(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
