package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.http.PercentEncoding;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OAuth 2.0 side of LocalWiki over loopback HTTP: authorize, consent, token, refresh, profile, api.php. */
class OAuth2Test extends OAuth2WikiTest {

    String authorizeUrl(OAuth2Client client, @Nullable String redirectUri, @Nullable String challenge,
            String method, String... extra) {
        StringBuilder url = new StringBuilder(wiki.scriptPath()).append("/rest.php/oauth2/authorize?response_type=code")
                .append("&client_id=").append(client.clientId()).append("&state=s-123");
        if (redirectUri != null) {
            url.append("&redirect_uri=").append(PercentEncoding.encode(redirectUri));
        }
        if (challenge != null) {
            url.append("&code_challenge=").append(challenge).append("&code_challenge_method=").append(method);
        }
        for (String e : extra) {
            url.append('&').append(e);
        }
        return url.toString();
    }

    String pkceUrl(OAuth2Client client) {
        return authorizeUrl(client, REDIRECT, OAuth2Server.s256(VERIFIER), "S256");
    }

    WireClient.Response token(Parameter... form) {
        return client.postForm(wiki.scriptPath() + "/rest.php/oauth2/access_token", List.of(form));
    }

    WireClient.Response exchange(OAuth2Client c, String code, @Nullable String redirectUri, @Nullable String verifier) {
        List<Parameter> form = new ArrayList<>(List.of(Parameter.of("grant_type", "authorization_code"),
                Parameter.of("code", code), Parameter.of("client_id", c.clientId())));
        if (c.clientSecret() != null) {
            form.add(Parameter.of("client_secret", c.clientSecret()));
        }
        if (redirectUri != null) {
            form.add(Parameter.of("redirect_uri", redirectUri));
        }
        if (verifier != null) {
            form.add(Parameter.of("code_verifier", verifier));
        }
        return token(form.toArray(Parameter[]::new));
    }

    JsonNode tokensFor(OAuth2Client c) {
        AuthorizationCodeGrant grant = wiki.approveOAuth2(URI.create(pkceUrl(c)), "Alice");
        WireClient.Response r = exchange(c, grant.code(), REDIRECT, VERIFIER);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    WireClient.Response refresh(OAuth2Client c, String refreshToken) {
        return token(Parameter.of("grant_type", "refresh_token"), Parameter.of("refresh_token", refreshToken),
                Parameter.of("client_id", c.clientId()), Parameter.of("client_secret", c.clientSecret()));
    }

    @Test
    void authorizeWhenBrowserAllowsThenConsentPageThenRedirectWithCodeAndState() {
        String authorizeUrl = pkceUrl(confidential) + "&scope=basic+editpage&as=Alice";
        WireClient.Response authorize = client.get(authorizeUrl);
        assertThat(authorize.status()).isEqualTo(307);
        String approve = authorize.header("Location");
        assertThat(approve).startsWith(wiki.indexUrl() + "?title=Special:OAuth/approve&client_id="
                + confidential.clientId() + "&oauth_version=2&returnto=");
        assertThat(WireClient.query(approve, "returnto")).isEqualTo("/w/rest.php/oauth2/authorize");
        assertThat(WireClient.query(approve, "returntoquery")).isEqualTo(URI.create(authorizeUrl).getRawQuery());

        WireClient.Response page = client.get(approve);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Hi Alice", "Example Tool 2", "name='accept' value='Allow'",
                "name='cancel' value='Cancel'");
        List<Parameter> form = new ArrayList<>(WireClient.hiddenFields(page.body()));
        assertThat(form).extracting(Parameter::name).containsExactly("client_id", "oauth_version", "returnto",
                "returntoquery", "scope", "title", "wpEditToken", "wpaction", "wpconfirmUpdate", "as");
        assertThat(form).contains(Parameter.of("scope", "basic editpage"), Parameter.of("wpconfirmUpdate", "0"));
        form.add(Parameter.of("accept", "Allow"));
        WireClient.Response allow = client.postForm(wiki.server() + "/wiki/Special:OAuth/approve", form);
        assertThat(allow.status()).isEqualTo(302);
        assertThat(allow.header("Location")).startsWith(wiki.scriptPath()
                + "/rest.php/oauth2/authorize?approval_pass=1&as=Alice&client_id=").doesNotContain("scope=");

        WireClient.Response back = client.get(allow.header("Location"));
        assertThat(back.status()).isEqualTo(302);
        String location = back.header("Location");
        assertThat(location).startsWith(REDIRECT + "?code=def502").endsWith("&state=s-123");

        WireClient.Response tokens = exchange(confidential, WireClient.query(location, "code"), REDIRECT, VERIFIER);
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(tokens.contentType()).isEqualTo("application/json; charset=UTF-8");
        JsonNode body = json(tokens);
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.get("refresh_token").asString()).startsWith("def502");
        JsonNode profile = json(client.get(wiki.scriptPath() + "/rest.php/oauth2/resource/profile", "Authorization",
                "Bearer " + body.get("access_token").asString()));
        assertThat(profile.get("grants").toString()).as("the approved scopes").isEqualTo("[\"basic\",\"editpage\"]");
    }

    @Test
    void approvalPassWhenUserNeverAllowedThenBackToConsentPage() {
        WireClient.Response r = client.get(pkceUrl(confidential) + "&as=Bob&approval_pass=1");
        assertThat(r.status()).isEqualTo(307);
        assertThat(r.header("Location")).contains("Special:OAuth/approve");
    }

    @Test
    void cancelWhenPressedThenConnectionErrorPageAndTheAppIsNeverCalledBack() {
        String denied = wiki.denyOAuth2(URI.create(pkceUrl(confidential)));
        assertThat(denied).startsWith(wiki.scriptPath() + "/rest.php/oauth2/authorize?approval_cancel=1&client_id=");
        WireClient.Response page = client.get(denied + "&as=Alice");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Location")).isEmpty();
        assertThat(page.body()).contains("Application Connection Error",
                "The client is not authorized to request an authorization code using this method.");
    }

    @Test
    void accessTokenWhenExchangedThenRs256JwtWithLeagueClaims() throws Exception {
        JsonNode body = tokensFor(confidential);
        SignedJWT jwt = SignedJWT.parse(body.get("access_token").asString());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.verify(new RSASSAVerifier(wiki.oauth2SigningKey()))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly(confidential.clientId());
        assertThat(claims.getSubject()).isEqualTo(Long.toString(wiki.user("Alice").id()));
        assertThat(claims.getJWTID()).hasSize(80);
        assertThat(claims.getExpirationTime().toInstant().getEpochSecond() - claims.getIssueTime().toInstant()
                .getEpochSecond()).isEqualTo(3600);
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        assertThat(claims.getStringListClaim("scopes")).containsExactly("basic", "editpage", "highvolume");
        assertThat(claims.getIssuer()).isEqualTo(wiki.server());
        assertThat(wiki.requestCount(Endpoint.OAUTH2_TOKEN)).isEqualTo(1);
    }

    @Test
    void authorizeWhenPlainPkceOrPublicClientWithoutPkceThenInvalidRequestPage() {
        WireClient.Response plain = client.get(authorizeUrl(confidential, REDIRECT, VERIFIER, "plain"));
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.body()).contains("Application Connection Error", OAuth2Problem.INVALID_REQUEST);

        WireClient.Response noPkce = client.get(authorizeUrl(publicClient, REDIRECT, null, "S256"));
        assertThat(noPkce.status()).isEqualTo(200);
        assertThat(noPkce.contentType()).startsWith("text/html");
        assertThat(noPkce.body()).contains("Application Connection Error", OAuth2Problem.INVALID_REQUEST);

        assertThat(client.get(authorizeUrl(confidential, REDIRECT, null, "S256")).status()).isEqualTo(307);
    }

    @Test
    void authorizeWhenRedirectUriNotRegisteredOrClientUnknownThenConnectionErrorPage() {
        WireClient.Response evil = client.get(authorizeUrl(confidential, "http://evil.example/cb",
                OAuth2Server.s256(VERIFIER), "S256"));
        assertThat(evil.status()).isEqualTo(200);
        assertThat(evil.body()).contains("Application Connection Error", OAuth2Problem.CLIENT_AUTHENTICATION_FAILED);
        WireClient.Response scope = client.get(pkceUrl(confidential) + "&scope=basic+sysop");
        assertThat(scope.body()).contains("Application Connection Error", "The requested scope is invalid");
        assertThatThrownBy(() -> wiki.approveOAuth2(URI.create(authorizeUrl(publicClient, REDIRECT, null, "S256")),
                "Alice")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("public clients");
    }

    @Test
    void publicClientWhenPkceMatchesThenTokensWithoutSecret() {
        JsonNode body = tokensFor(publicClient);
        assertThat(body.get("access_token").asString()).contains(".");
    }

    @Test
    void exchangeWhenRedirectUriSentOnlyToTokenThenInvalidRedirectUri() {
        AuthorizationCodeGrant grant = wiki.approveOAuth2(URI.create(authorizeUrl(confidential, null,
                OAuth2Server.s256(VERIFIER), "S256")), "Alice");
        assertThat(grant.redirectUrl()).startsWith(REDIRECT + "?code=");
        WireClient.Response r = exchange(confidential, grant.code(), REDIRECT, VERIFIER);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(json(r).get("error").asString()).isEqualTo("invalid_request");
        assertThat(json(r).get("hint").asString()).isEqualTo("Invalid redirect URI");
        assertThat(json(r).get("message").asString()).isEqualTo(json(r).get("error_description").asString());
        // the code survives a refused exchange; sent without redirect_uri (as to authorize) it works
        assertThat(exchange(confidential, grant.code(), null, VERIFIER).status()).isEqualTo(200);
    }

    @Test
    void exchangeWhenRedirectUriSentOnlyToAuthorizeThenInvalidRequest() {
        AuthorizationCodeGrant grant = wiki.approveOAuth2(URI.create(pkceUrl(confidential)), "Alice");
        WireClient.Response r = exchange(confidential, grant.code(), null, VERIFIER);
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).get("hint").asString()).isEqualTo("Check the `redirect_uri` parameter");
    }

    @Test
    void exchangeWhenVerifierTamperedThenInvalidGrant() {
        AuthorizationCodeGrant grant = wiki.approveOAuth2(URI.create(pkceUrl(confidential)), "Alice");
        WireClient.Response r = exchange(confidential, grant.code(), REDIRECT, VERIFIER.replace('d', 'e'));
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).get("error").asString()).isEqualTo("invalid_grant");
        assertThat(json(r).get("hint").asString()).isEqualTo("Failed to verify `code_verifier`.");
        WireClient.Response missing = exchange(confidential, grant.code(), REDIRECT, null);
        assertThat(json(missing).get("hint").asString()).isEqualTo("Check the `code_verifier` parameter");
    }

    @Test
    void exchangeWhenCodeReusedOrExpiredThenInvalidRequest() {
        AuthorizationCodeGrant grant = wiki.approveOAuth2(URI.create(pkceUrl(confidential)), "Alice");
        assertThat(exchange(confidential, grant.code(), REDIRECT, VERIFIER).status()).isEqualTo(200);
        WireClient.Response reused = exchange(confidential, grant.code(), REDIRECT, VERIFIER);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(json(reused).get("hint").asString()).isEqualTo("Authorization code has been revoked");

        AuthorizationCodeGrant late = wiki.approveOAuth2(URI.create(pkceUrl(confidential)), "Alice");
        clock.advance(Duration.ofMinutes(10));
        WireClient.Response expired = exchange(confidential, late.code(), REDIRECT, VERIFIER);
        assertThat(json(expired).get("error").asString()).isEqualTo("invalid_request");
        assertThat(json(expired).get("hint").asString()).isEqualTo("Authorization code has expired");
    }

    @Test
    void exchangeWhenSecretWrongThenInvalidClient401() {
        AuthorizationCodeGrant grant = wiki.approveOAuth2(URI.create(pkceUrl(confidential)), "Alice");
        WireClient.Response r = token(Parameter.of("grant_type", "authorization_code"),
                Parameter.of("code", grant.code()), Parameter.of("client_id", confidential.clientId()),
                Parameter.of("client_secret", "0".repeat(40)), Parameter.of("redirect_uri", REDIRECT),
                Parameter.of("code_verifier", VERIFIER));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"error\":\"invalid_client\",\"error_description\":\"Client "
                + "authentication failed\",\"message\":\"Client authentication failed\"}");
        WireClient.Response other = exchange(publicClient, grant.code(), REDIRECT, VERIFIER);
        assertThat(json(other).get("hint").asString()).isEqualTo("Authorization code was not issued to this client");
    }

    @Test
    void refreshWhenValidThenNewTokensAndTheOldOnesDie() {
        JsonNode first = tokensFor(confidential);
        WireClient.Response r = refresh(confidential, first.get("refresh_token").asString());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode second = json(r);
        assertThat(second.get("access_token").asString()).isNotEqualTo(first.get("access_token").asString());
        assertThat(json(api(second.get("access_token").asString())).at("/query/userinfo/name").asString())
                .isEqualTo("Alice");
        assertThat(json(api(first.get("access_token").asString())).at("/error/code").asString())
                .isEqualTo("mwoauth-invalid-authorization");
        WireClient.Response again = refresh(confidential, first.get("refresh_token").asString());
        assertThat(again.status()).isEqualTo(401);
        assertThat(json(again).get("error").asString()).isEqualTo("invalid_request");
        assertThat(json(again).get("hint").asString()).isEqualTo("Token has been revoked");
    }

    @Test
    void profileWhenBearerValidThenJsonLabelledTextHtml() {
        JsonNode tokens = tokensFor(confidential);
        WireClient.Response r = client.get(wiki.scriptPath() + "/rest.php/oauth2/resource/profile", "Authorization",
                "Bearer " + tokens.get("access_token").asString());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/html");
        JsonNode p = json(r);
        assertThat(p.get("sub").asString()).isEqualTo(Long.toString(wiki.user("Alice").id()));
        assertThat(p.get("username").asString()).isEqualTo("Alice");
        assertThat(p.has("editcount") && p.has("confirmed_email") && p.has("blocked") && p.has("registered")
                && p.has("groups") && p.has("rights")).isTrue();
        assertThat(p.get("grants").toString()).isEqualTo("[\"basic\",\"editpage\",\"highvolume\"]");

        WireClient.Response bad = client.get(wiki.scriptPath() + "/rest.php/oauth2/resource/profile",
                "Authorization", "Bearer not-a-jwt");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(json(bad).get("error").asString()).isEqualTo("access_denied");
        assertThat(wiki.requestCount(Endpoint.OAUTH2_RESOURCE)).isEqualTo(2);
    }

    @Test
    void apiWhenBearerValidThenServedAsTheUserWithTheGrantedRights() {
        String token = tokensFor(confidential).get("access_token").asString();
        WireClient.Response r = client.get(wiki.apiUrl() + "?action=query&meta=userinfo&uiprop=rights&format=json",
                "Authorization", "Bearer " + token);
        JsonNode info = json(r).at("/query/userinfo");
        assertThat(info.get("name").asString()).isEqualTo("Alice");
        assertThat(info.get("rights").toString()).contains("\"edit\"").doesNotContain("\"delete\"");
    }

    @Test
    void apiWhenBearerBadOrExpiredThenInvalidAuthorizationWithHttp200() {
        WireClient.Response bad = api("eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.header("MediaWiki-API-Error")).isEqualTo("mwoauth-invalid-authorization");
        assertThat(json(bad).at("/error/info").asString())
                .isEqualTo("The authorization headers in your request are not valid: Invalid access token");

        String token = tokensFor(confidential).get("access_token").asString();
        assertThat(api(token).body()).contains("\"name\":\"Alice\"");
        clock.advance(Duration.ofHours(1));
        WireClient.Response expired = api(token);
        assertThat(expired.status()).isEqualTo(200);
        assertThat(expired.header("WWW-Authenticate")).isEmpty();
        assertThat(json(expired).at("/error/code").asString()).isEqualTo("mwoauth-invalid-authorization");
    }

    @Test
    void apiWhenEdgeModeAndTokenExpiredThen401WithInvalidToken() {
        String token = tokensFor(confidential).get("access_token").asString();
        wiki.wikimediaEdge(true);
        assertThat(api(token).status()).isEqualTo(200);
        assertThat(wiki.expireOAuth2AccessTokens("Alice")).isEqualTo(1);
        WireClient.Response r = api(token);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer ").contains("error=\"invalid_token\"");
        assertThat(json(r).at("/error/code").asString()).isEqualTo("mwoauth-invalid-authorization");
        // a forged token is not "expired": the plain API error even at the edge
        assertThat(api("eyJhbGciOiJSUzI1NiJ9.e30.c2ln").status()).isEqualTo(200);
    }

    @Test
    void revokeWhenDoneThenAccessAndRefreshTokensAreDead() {
        JsonNode tokens = tokensFor(confidential);
        assertThat(wiki.revokeOAuth2("Alice", confidential)).isTrue();
        assertThat(json(api(tokens.get("access_token").asString())).at("/error/code").asString())
                .isEqualTo("mwoauth-invalid-authorization");
        WireClient.Response r = refresh(confidential, tokens.get("refresh_token").asString());
        assertThat(json(r).get("hint").asString()).isEqualTo("Token has been revoked");
        assertThat(wiki.revokeOAuth2("Alice", confidential)).isFalse();
    }

    @Test
    void ownerOnlyClientWhenRegisteredThenItsTokenCallsTheApiAsTheOwner() {
        OAuth2Client bot = wiki.registerOwnerOnlyClient("Bot", "Bob");
        assertThat(bot.ownerOnly()).isTrue();
        assertThat(bot.toString()).doesNotContain(bot.clientSecret()).doesNotContain(bot.ownerAccessToken());
        assertThat(json(api(bot.ownerAccessToken())).at("/query/userinfo/name").asString()).isEqualTo("Bob");
        clock.advance(Duration.ofDays(40));
        assertThat(json(api(bot.ownerAccessToken())).at("/query/userinfo/name").asString()).isEqualTo("Bob");
        assertThat(client.get(authorizeUrl(bot, null, OAuth2Server.s256(VERIFIER), "S256")).body())
                .contains("Application Connection Error");
    }

    @Test
    void tokenEndpointWhenGrantTypeUnknownOrGetThenRefused() {
        WireClient.Response r = token(Parameter.of("grant_type", "password"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).get("error").asString()).isEqualTo("invalid_request");
        assertThat(json(r).get("hint").asString()).isEqualTo("Check the `grant_type` parameter");
        assertThat(client.get(wiki.scriptPath() + "/rest.php/oauth2/access_token").status()).isEqualTo(405);
        assertThat(client.get(wiki.scriptPath() + "/rest.php/v1/page/Main").status()).isEqualTo(404);
    }
}
