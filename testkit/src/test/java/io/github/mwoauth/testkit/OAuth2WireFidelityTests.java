package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.http.PercentEncoding;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One test per OAuth 2.0 fact of the wire notes (§8 and §10), each named after its fact, over real HTTP to a
 * LocalWiki in the default {@link WikiProfile#REL1_39} profile: a regression names the fact it broke.
 */
class OAuth2WireFidelityTests extends OAuth2WikiTest {

    // ---- helpers

    String authorizeUrl(OAuth2Client c, boolean pkce, @Nullable String redirectUri) {
        return wiki.scriptPath() + "/rest.php/oauth2/authorize?response_type=code&client_id=" + c.clientId()
                + "&state=s-123" + (redirectUri == null ? "" : "&redirect_uri=" + PercentEncoding.encode(redirectUri))
                + (pkce ? "&code_challenge=" + OAuth2Server.s256(VERIFIER) + "&code_challenge_method=S256" : "");
    }

    WireClient.Response token(List<Parameter> form, String... headers) {
        return client.postForm(wiki.scriptPath() + "/rest.php/oauth2/access_token", form, headers);
    }

    List<Parameter> codeForm(OAuth2Client c, String code, @Nullable String secret, @Nullable String verifier) {
        List<Parameter> form = new ArrayList<>(List.of(Parameter.of("grant_type", "authorization_code"),
                Parameter.of("code", code), Parameter.of("client_id", c.clientId())));
        if (secret != null) {
            form.add(Parameter.of("client_secret", secret));
        }
        if (verifier != null) {
            form.add(Parameter.of("code_verifier", verifier));
        }
        return form;
    }

    String code(OAuth2Client c) {
        return wiki.approveOAuth2(URI.create(authorizeUrl(c, true, null)), "Alice").code();
    }

    JsonNode tokens(OAuth2Client c) {
        WireClient.Response r = token(codeForm(c, code(c), c.clientSecret(), VERIFIER));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    WireClient.Response refresh(OAuth2Client c, String refreshToken, @Nullable String secret) {
        List<Parameter> form = new ArrayList<>(List.of(Parameter.of("grant_type", "refresh_token"),
                Parameter.of("refresh_token", refreshToken), Parameter.of("client_id", c.clientId())));
        if (secret != null) {
            form.add(Parameter.of("client_secret", secret));
        }
        return token(form);
    }

    WireClient.Response profile(String... headers) {
        return client.get(wiki.scriptPath() + "/rest.php/oauth2/resource/profile", headers);
    }

    static void assertError(WireClient.Response r, int status, String error, @Nullable String hint) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(json(r).get("error").asString()).isEqualTo(error);
        assertThat(json(r).path("hint").isMissingNode() ? null : json(r).get("hint").asString()).isEqualTo(hint);
        assertThat(json(r).has("error_description") && json(r).has("message")).isTrue();
    }

    static void assertConnectionErrorPage(WireClient.Response r, String text) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.header("Location")).isEmpty();
        assertThat(r.body()).contains("<title>Application Connection Error", Texts.html(text));
    }

    // ---- §8 and §10: consent and redirects

    @Test
    void authorizeWhenLoggedInThen307ToApproveWithReturntoAndTheOriginalQuery() {
        String authorize = authorizeUrl(confidential, true, REDIRECT) + "&as=Alice";
        WireClient.Response r = client.get(authorize);
        assertThat(r.status()).isEqualTo(307);
        String approve = r.header("Location");
        assertThat(approve).startsWith(wiki.indexUrl() + "?title=Special:OAuth/approve&client_id="
                + confidential.clientId() + "&oauth_version=2&returnto=");
        assertThat(WireClient.query(approve, "returnto")).isEqualTo("/w/rest.php/oauth2/authorize");
        assertThat(WireClient.query(approve, "returntoquery")).isEqualTo(URI.create(authorize).getRawQuery());
    }

    @Test
    void approveFormWhenShownThenItsHiddenFieldsAreTheWikis() {
        String approve = client.get(authorizeUrl(confidential, true, null) + "&as=Alice").header("Location");
        WireClient.Response page = client.get(approve);
        assertThat(WireClient.hiddenFields(page.body())).extracting(Parameter::name).containsExactly("client_id",
                "oauth_version", "returnto", "returntoquery", "scope", "title", "wpEditToken", "wpaction",
                "wpconfirmUpdate", "as");
        assertThat(page.body()).contains("<button name='accept' value='Allow'", "<button name='cancel' value='Cancel'");
    }

    @Test
    void allowWhenPressedThen302ToAuthorizeWithApprovalPassAndNoScopeThen302ToTheCallbackWithCodeAndState() {
        String approve = client.get(authorizeUrl(confidential, true, null) + "&scope=basic&as=Alice")
                .header("Location");
        List<Parameter> form = new ArrayList<>(WireClient.hiddenFields(client.get(approve).body()));
        form.add(Parameter.of("accept", "Allow"));
        WireClient.Response allow = client.postForm(wiki.server() + "/wiki/Special:OAuth/approve", form);
        assertThat(allow.status()).isEqualTo(302);
        String back = allow.header("Location");
        assertThat(back).startsWith(wiki.scriptPath() + "/rest.php/oauth2/authorize?approval_pass=1&")
                .contains("&client_id=" + confidential.clientId(), "&response_type=code", "&state=s-123")
                .doesNotContain("scope");
        WireClient.Response callback = client.get(back);
        assertThat(callback.status()).isEqualTo(302);
        assertThat(callback.header("Location")).startsWith(REDIRECT + "?code=def502").endsWith("&state=s-123");
    }

    @Test
    void authorizeWhenLoggedOutThen307StraightToUserLoginWithTheRestRedirect() {
        wiki.signOut();
        String authorize = authorizeUrl(confidential, true, null);
        WireClient.Response r = client.get(authorize);
        assertThat(r.status()).isEqualTo(307);
        String login = r.header("Location");
        assertThat(login).startsWith(wiki.indexUrl() + "?title=Special:UserLogin&").doesNotContain("approve");
        assertThat(WireClient.query(login, "returnto")).isEqualTo("Special:OAuth/rest redirect");
        assertThat(WireClient.query(login, "returntoquery")).isEqualTo("rest_url=" + PercentEncoding.encode(authorize));
        // logging in comes back through the rest redirect to the same authorize URL
        WireClient.Response loggedIn = client.postForm(wiki.server() + "/w/index.php?title=Special:UserLogin&returnto="
                + PercentEncoding.encode(WireClient.query(login, "returnto")) + "&returntoquery="
                + PercentEncoding.encode(WireClient.query(login, "returntoquery")), List.of(Parameter.of("wpName",
                        "Alice")));
        WireClient.Response restRedirect = client.get(loggedIn.header("Location"));
        assertThat(restRedirect.header("Location")).isEqualTo(authorize);
    }

    @Test
    void cancelWhenPressedThenApprovalCancelThenApplicationConnectionErrorAndTheAppIsNeverCalledBack() {
        String approve = client.get(authorizeUrl(confidential, true, null) + "&as=Alice").header("Location");
        List<Parameter> form = new ArrayList<>(WireClient.hiddenFields(client.get(approve).body()));
        form.add(Parameter.of("cancel", "Cancel"));
        WireClient.Response cancel = client.postForm(wiki.server() + "/wiki/Special:OAuth/approve", form);
        assertThat(cancel.status()).isEqualTo(302);
        assertThat(cancel.header("Location")).startsWith(wiki.scriptPath()
                + "/rest.php/oauth2/authorize?approval_cancel=1&");
        assertConnectionErrorPage(client.get(cancel.header("Location")),
                "The client is not authorized to request an authorization code using this method.");
        assertThat(wiki.requestCount(Endpoint.OAUTH2_TOKEN)).isZero();
    }

    @Test
    void authorizeWhenClientUnknownOrRedirectUriNotRegisteredThen200ConnectionErrorPage() {
        String unknown = wiki.scriptPath() + "/rest.php/oauth2/authorize?response_type=code&client_id=" + "0".repeat(32)
                + "&state=x";
        assertConnectionErrorPage(client.get(unknown), OAuth2Problem.CLIENT_AUTHENTICATION_FAILED);
        assertConnectionErrorPage(client.get(authorizeUrl(confidential, true, "http://evil.example/cb")),
                "Client authentication failed (e.g., unknown client, no client authentication included, or "
                        + "unsupported authentication method)");
    }

    @Test
    void authorizeWhenPublicClientSendsNoCodeChallengeThen200ConnectionErrorPage() {
        assertConnectionErrorPage(client.get(authorizeUrl(publicClient, false, null)), "The request is missing a "
                + "required parameter, includes an invalid parameter value, includes a parameter more than once, or "
                + "is otherwise malformed.");
    }

    // ---- §8 and §10: the token endpoint

    @Test
    void accessTokenWhenCodeExchangedThen200JsonBearerExpiresIn3600WithRefreshToken() {
        WireClient.Response r = token(codeForm(confidential, code(confidential), confidential.clientSecret(),
                VERIFIER));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json; charset=UTF-8");
        JsonNode body = json(r);
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.get("refresh_token").asString()).startsWith("def502");
    }

    @Test
    void accessTokenWhenRedirectUriSentButNotToAuthorizeThen400InvalidRequestInvalidRedirectUri() {
        List<Parameter> form = codeForm(confidential, code(confidential), confidential.clientSecret(), VERIFIER);
        form.add(Parameter.of("redirect_uri", REDIRECT));
        assertError(token(form), 400, "invalid_request", "Invalid redirect URI");
    }

    @Test
    void accessTokenWhenCodeUsedTwiceThen400InvalidRequestCodeRevoked() {
        List<Parameter> form = codeForm(confidential, code(confidential), confidential.clientSecret(), VERIFIER);
        assertThat(token(form).status()).isEqualTo(200);
        assertError(token(form), 400, "invalid_request", "Authorization code has been revoked");
    }

    @Test
    void refreshWhenRefreshTokenUsedTwiceThen401InvalidRequestTokenRevoked() {
        String refreshToken = tokens(confidential).get("refresh_token").asString();
        assertThat(refresh(confidential, refreshToken, confidential.clientSecret()).status()).isEqualTo(200);
        assertError(refresh(confidential, refreshToken, confidential.clientSecret()), 401, "invalid_request",
                "Token has been revoked");
    }

    @Test
    void refreshWhenGrantRevokedThen401InvalidRequestTokenRevoked() {
        String refreshToken = tokens(confidential).get("refresh_token").asString();
        wiki.revokeOAuth2("Alice", confidential);
        assertError(refresh(confidential, refreshToken, confidential.clientSecret()), 401, "invalid_request",
                "Token has been revoked");
    }

    @Test
    void accessTokenWhenGrantTypeUnknownThen400InvalidRequestCheckGrantType() {
        assertError(token(List.of(Parameter.of("grant_type", "password"))), 400, "invalid_request",
                "Check the `grant_type` parameter");
    }

    @Test
    void accessTokenWhenCodeVerifierWrongThen400InvalidGrantAndTheCodeSurvives() {
        String code = code(confidential);
        assertError(token(codeForm(confidential, code, confidential.clientSecret(), VERIFIER.replace('d', 'e'))), 400,
                "invalid_grant", "Failed to verify `code_verifier`.");
        assertThat(token(codeForm(confidential, code, confidential.clientSecret(), VERIFIER)).status())
                .as("a failed exchange does not use up the code").isEqualTo(200);
    }

    @Test
    void accessTokenWhenCodeVerifierMissingThen400InvalidRequestCheckCodeVerifier() {
        assertError(token(codeForm(confidential, code(confidential), confidential.clientSecret(), null)), 400,
                "invalid_request", "Check the `code_verifier` parameter");
    }

    @Test
    void accessTokenWhenSecretWrongOrRedirectUriDiffersThen401InvalidClient() {
        String code = code(confidential);
        assertError(token(codeForm(confidential, code, "0".repeat(40), VERIFIER)), 401, "invalid_client", null);
        List<Parameter> otherRedirect = codeForm(confidential, code, confidential.clientSecret(), VERIFIER);
        otherRedirect.add(Parameter.of("redirect_uri", "http://127.0.0.1:5000/elsewhere"));
        assertError(token(otherRedirect), 401, "invalid_client", null);
    }

    @Test
    void refreshWhenPublicClientSendsNoSecretThen401InvalidClient() {
        String refreshToken = tokens(publicClient).get("refresh_token").asString();
        assertError(refresh(publicClient, refreshToken, null), 401, "invalid_client", null);
    }

    @Test
    void publicClientWhenRegisteredThenItHasASecretExchangesWithPkceAloneAndRefreshesWithTheSecret() {
        assertThat(publicClient.clientSecret()).hasSize(40);
        assertThat(publicClient.confidential()).isFalse();
        WireClient.Response exchange = token(codeForm(publicClient, code(publicClient), null, VERIFIER));
        assertThat(exchange.status()).as(exchange.body()).isEqualTo(200);
        WireClient.Response refreshed = refresh(publicClient, json(exchange).get("refresh_token").asString(),
                publicClient.clientSecret());
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
    }

    @Test
    void accessTokenWhenGetThen405RestError() {
        WireClient.Response r = client.get(wiki.scriptPath() + "/rest.php/oauth2/access_token");
        assertThat(r.status()).isEqualTo(405);
        assertThat(json(r).get("httpCode").asInt()).isEqualTo(405);
        assertThat(json(r).has("httpReason") && json(r).has("messageTranslations")).isTrue();
    }

    @Test
    void accessTokenWhenClientAuthenticatesWithHttpBasicThenAnsweredAsWithFormFields() {
        String basic = "Basic " + Base64.getEncoder().encodeToString((confidential.clientId() + ":"
                + confidential.clientSecret()).getBytes(StandardCharsets.UTF_8));
        List<Parameter> form = List.of(Parameter.of("grant_type", "authorization_code"),
                Parameter.of("code", code(confidential)), Parameter.of("code_verifier", VERIFIER));
        WireClient.Response r = token(form, "Authorization", basic);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String wrong = "Basic " + Base64.getEncoder().encodeToString((confidential.clientId() + ":" + "0".repeat(40))
                .getBytes(StandardCharsets.UTF_8));
        List<Parameter> again = List.of(Parameter.of("grant_type", "authorization_code"),
                Parameter.of("code", code(confidential)), Parameter.of("code_verifier", VERIFIER));
        assertError(token(again, "Authorization", wrong), 401, "invalid_client", null);
    }

    @Test
    void clientCredentialsWhenOwnerOnlyClientThen200BearerWithoutRefreshToken() {
        OAuth2Client bot = wiki.registerOwnerOnlyClient("Bot", "Bob");
        WireClient.Response r = token(List.of(Parameter.of("grant_type", "client_credentials"),
                Parameter.of("client_id", bot.clientId()), Parameter.of("client_secret", bot.clientSecret())));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.has("refresh_token")).isFalse();
        assertThat(json(api(body.get("access_token").asString())).at("/query/userinfo/name").asString())
                .isEqualTo("Bob");
    }

    @Test
    void accessTokenClaimsWhenIssuedThenRs256WithIssAudSubJtiScopesAndFractionalTimes() throws Exception {
        String accessToken = tokens(confidential).get("access_token").asString();
        SignedJWT jwt = SignedJWT.parse(accessToken);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.verify(new RSASSAVerifier(wiki.oauth2SigningKey()))).isTrue();
        JsonNode claims = JSON.readTree(jwt.getPayload().toString());
        assertThat(claims.get("iss").asString()).isEqualTo(wiki.server());
        assertThat(claims.get("aud").toString()).contains(confidential.clientId());
        assertThat(claims.get("sub").isString()).isTrue();
        assertThat(claims.has("jti") && claims.has("scopes")).isTrue();
        for (String time : List.of("iat", "nbf", "exp")) {
            assertThat(claims.get(time).isFloatingPointNumber()).as(time).isTrue();
            assertThat(jwt.getPayload().toString()).containsPattern("\"" + time + "\":\\d{10}\\.\\d{6}");
        }
    }

    @Test
    void apiWhenRefreshedThenTheOldAccessTokenIsInvalidAccessToken() {
        JsonNode first = tokens(confidential);
        assertThat(refresh(confidential, first.get("refresh_token").asString(), confidential.clientSecret()).status())
                .isEqualTo(200);
        WireClient.Response r = api(first.get("access_token").asString());
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).at("/error/info").asString())
                .isEqualTo("The authorization headers in your request are not valid: Invalid access token");
    }

    @Test
    void refreshWhenOlderThanTheRefreshTokenTtlThen401InvalidRequest() {
        try (LocalWiki shipped = LocalWiki.builder().clock(clock)
                .refreshTokenLifetime(WikiProfile.REL1_39_SHIPPED_REFRESH_TOKEN_LIFETIME).start()) {
            shipped.registerUser("Alice");
            OAuth2Client c = shipped.registerConfidentialClient("Tool", REDIRECT);
            String authorize = shipped.scriptPath() + "/rest.php/oauth2/authorize?response_type=code&client_id="
                    + c.clientId() + "&code_challenge=" + OAuth2Server.s256(VERIFIER) + "&code_challenge_method=S256";
            String code = shipped.approveOAuth2(URI.create(authorize), "Alice").code();
            String url = shipped.scriptPath() + "/rest.php/oauth2/access_token";
            JsonNode tokens = json(client.postForm(url, codeForm(c, code, c.clientSecret(), VERIFIER)));
            clock.advance(Duration.ofSeconds(61));
            WireClient.Response r = client.postForm(url, List.of(Parameter.of("grant_type", "refresh_token"),
                    Parameter.of("refresh_token", tokens.get("refresh_token").asString()),
                    Parameter.of("client_id", c.clientId()), Parameter.of("client_secret", c.clientSecret())));
            assertError(r, 401, "invalid_request", "Token has expired");
        }
    }

    // ---- §8 and §10: the profile, api.php, revocation

    @Test
    void profileWhenBearerValidThen200JsonLabelledTextHtml() {
        WireClient.Response r = profile("Authorization", "Bearer " + tokens(confidential).get("access_token")
                .asString());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(json(r).get("sub").isString()).isTrue();
        assertThat(json(r).get("username").asString()).isEqualTo("Alice");
        assertThat(json(r).get("grants").toString()).isEqualTo("[\"basic\",\"editpage\",\"highvolume\"]");
    }

    @Test
    void profileWhenNoAuthorizationHeaderThen500EmptyArrayException() {
        WireClient.Response r = profile();
        assertThat(r.status()).isEqualTo(500);
        assertThat(json(r).get("httpCode").asInt()).isEqualTo(500);
        assertThat(json(r).has("exception") && json(r).has("httpReason")).isTrue();
        assertThat(json(r).get("message").asString())
                .isEqualTo("InvalidArgumentException: Header value can not be an empty array.");
    }

    @Test
    void profileWhenTokenMalformedThen401AccessDenied() {
        WireClient.Response r = profile("Authorization", "Bearer not-a-jwt");
        assertThat(r.status()).isEqualTo(401);
        assertThat(json(r).get("error").asString()).isEqualTo("access_denied");
    }

    @Test
    void apiWhenBearerValidThenServedAsTheUserAndWhenBadThenInvalidAccessToken() {
        assertThat(json(api(tokens(confidential).get("access_token").asString())).at("/query/userinfo/name")
                .asString()).isEqualTo("Alice");
        WireClient.Response bad = api("eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.header("MediaWiki-API-Error")).isEqualTo("mwoauth-invalid-authorization");
        assertThat(json(bad).at("/error/info").asString()).endsWith(": Invalid access token");
    }

    @Test
    void manageMyGrantsWhenOAuth2GrantListedThenRevocableAndItsTokenInvalid() {
        String accessToken = tokens(confidential).get("access_token").asString();
        WireClient.Response list = client.get(wiki.server() + "/wiki/Special:OAuthManageMyGrants?as=Alice");
        assertThat(list.body()).contains("Example Tool 2");
        String id = list.body().replaceAll("(?s).*Example Tool 2 <a href='/wiki/Special:OAuthManageMyGrants/revoke/"
                + "(\\d+)'.*", "$1");
        WireClient.Response form = client.get(wiki.server() + "/wiki/Special:OAuthManageMyGrants/revoke/" + id
                + "?as=Alice");
        List<Parameter> fields = new ArrayList<>(WireClient.hiddenFields(form.body()));
        fields.add(Parameter.of("renounce", "Deauthorize"));
        fields.add(Parameter.of("as", "Alice"));
        WireClient.Response revoked = client.postForm(wiki.server() + "/wiki/Special:OAuthManageMyGrants/revoke/" + id,
                fields);
        assertThat(revoked.body()).contains("The application's access to your account has been revoked.");
        assertThat(json(api(accessToken)).at("/error/info").asString()).endsWith(": Invalid access token");
        assertThat(client.get(wiki.server() + "/wiki/Special:OAuthManageMyGrants?as=Alice").body())
                .doesNotContain("Example Tool 2");
    }
}
