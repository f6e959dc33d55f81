package io.github.mwoauth.testkit;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.mwoauth.http.FormEncoding;
import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.http.PercentEncoding;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Extension:OAuth's OAuth 2.0 side (league/oauth2-server behind rest.php): client registration, the
 * authorization code grant with PKCE, the consent page Special:OAuth/approve, the token endpoint
 * (authorization_code and refresh_token grants), the profile resource, and bearer checks for api.php.
 * Authorization codes live 10 minutes, access tokens (RS256 JWTs) 1 hour, refresh tokens 30 days. Thread-safe.
 */
final class OAuth2Server {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);
    static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);
    static final Duration OWNER_ONLY_LIFETIME = Duration.ofDays(3650);
    static final String TOKEN_JSON = "application/json; charset=UTF-8";
    static final String INVALID_ACCESS_TOKEN = "Invalid access token";

    private record Code(String clientId, String user, @Nullable String redirectUri, @Nullable String challenge,
            List<String> scopes, Instant expires) {
    }

    private static final class RefreshTokenRow {
        final String clientId;
        final String user;
        final List<String> scopes;
        final String accessJti;
        final Instant expires;
        volatile boolean revoked;

        RefreshTokenRow(String clientId, String user, List<String> scopes, String accessJti, Instant expires) {
            this.clientId = clientId;
            this.user = user;
            this.scopes = List.copyOf(scopes);
            this.accessJti = accessJti;
            this.expires = expires;
        }
    }

    /** The outcome of checking a bearer token: the user and scopes, or why it failed. */
    record Bearer(WikiState.@Nullable UserState user, List<String> scopes, boolean expired, @Nullable String hint) {
    }

    private final WikiState state;
    private final String server;
    private final JsonMapper json;
    private final OAuth2AccessTokens accessTokens;
    private final OAuth2AuthorizationRequests requests;
    private final Map<String, OAuth2Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();
    private final Map<String, RefreshTokenRow> refreshTokens = new ConcurrentHashMap<>();
    private final Set<String> approvals = ConcurrentHashMap.newKeySet();
    private volatile boolean wikimediaEdge;

    OAuth2Server(WikiState state, String server, JsonMapper json) {
        this.state = state;
        this.server = server;
        this.json = json;
        this.accessTokens = new OAuth2AccessTokens(state);
        this.requests = new OAuth2AuthorizationRequests(clients);
    }

    RSAKey publicKey() {
        return accessTokens.publicKey();
    }

    void wikimediaEdge(boolean on) {
        this.wikimediaEdge = on;
    }

    boolean wikimediaEdge() {
        return wikimediaEdge;
    }

    // ---- registration

    OAuth2Client register(OAuth2ClientRegistration r) {
        String id = r.clientId() != null ? r.clientId() : Texts.randomHex(32);
        String secret = !r.confidential() ? null : r.clientSecret() != null ? r.clientSecret() : Texts.randomHex(40);
        String ownerToken = null;
        String owner = r.owner();
        if (owner != null) {
            String user = state.requireUser(owner).base.name();
            ownerToken = accessTokens.issue(id, user, r.grants(), OWNER_ONLY_LIFETIME).token();
        }
        OAuth2Client client = new OAuth2Client(r.name(), id, secret, r.redirectUri(), r.grants(), ownerToken);
        if (clients.putIfAbsent(id, client) != null) {
            throw new IllegalArgumentException("client id already registered: " + id);
        }
        return client;
    }

    // ---- rest.php/oauth2/authorize and Special:OAuth/approve

    /**
     * {@code GET rest.php/oauth2/authorize}: validates, then sends the browser to the consent page (307), or,
     * back from an Allow with {@code approval_pass=1}, to the redirect URI with the code (302).
     */
    WikiResponse authorize(WikiRequest request, ConsentPages consent) {
        AuthorizationRequest ar;
        try {
            ar = requests.validate(OAuth2AuthorizationRequests.params(request));
        } catch (OAuth2Problem problem) {
            return error(problem);
        }
        WikiState.UserState user = consent.browserUser(request);
        if (user != null && "1".equals(request.param("approval_pass"))
                && approvals.contains(approvalKey(user.base.name(), ar.client().clientId()))) {
            return WikiResponse.redirect(issueCode(ar, user.base.name()).redirectUrl());
        }
        StringBuilder approve = new StringBuilder(server).append("/w/index.php?title=Special:OAuth/approve");
        ar.params().forEach((name, value) -> {
            if (!name.equals("scope")) {
                approve.append('&').append(name).append('=').append(PercentEncoding.encode(value));
            }
        });
        approve.append("&oauth_version=2&scope=").append(ar.scopeParam());
        return new WikiResponse(307, List.of(Map.entry("Content-Type", WikiResponse.HTML),
                Map.entry("Location", approve.toString())), new byte[0]);
    }

    /** Special:OAuth/approve: GET shows the consent form, POST is Allow (back to authorize) or Cancel. */
    WikiResponse approve(WikiRequest request, ConsentPages consent) {
        Map<String, String> params = OAuth2AuthorizationRequests.params(request);
        AuthorizationRequest ar;
        try {
            ar = requests.validate(params);
        } catch (OAuth2Problem problem) {
            return ConsentPages.html("OAuth", "Application Connection Error", "<div class='error'><p>"
                    + Texts.html(problem.getMessage()) + "</p></div>");
        }
        WikiState.UserState user = consent.browserUser(request);
        if (user == null) {
            StringBuilder back = new StringBuilder();
            params.forEach((n, v) -> back.append(back.isEmpty() ? "" : "&").append(n).append('=')
                    .append(PercentEncoding.encode(v)));
            return WikiResponse.redirect(server + "/w/index.php?title=Special:UserLogin&returnto="
                    + PercentEncoding.encode("Special:OAuth/approve") + "&returntoquery="
                    + PercentEncoding.encode(back.toString()) + "&warning=mwoauth-login-required-reason");
        }
        if (!request.isPost()) {
            return ConsentPages.html("OAuth", "OAuth", ConsentPages.oauth2Form(ar, user));
        }
        if (!user.csrfToken.equals(request.param("wpEditToken"))) {
            return ConsentPages.html("OAuth", "OAuth", "<div class='error'>Sorry! We could not process your form "
                    + "submission due to a loss of session data.</div>" + ConsentPages.oauth2Form(ar, user));
        }
        if (request.param("cancel") != null) {
            return WikiResponse.redirect(ar.denialUrl());
        }
        approvals.add(approvalKey(user.base.name(), ar.client().clientId()));
        StringBuilder back = new StringBuilder(server).append("/w/rest.php/oauth2/authorize?");
        params.forEach((n, v) -> back.append(n).append('=').append(PercentEncoding.encode(v)).append('&'));
        back.append("approval_pass=1");
        return WikiResponse.redirect(back.toString());
    }

    /** The test control: {@code user} allows the request at {@code authorizeUrl}. */
    AuthorizationCodeGrant approve(URI authorizeUrl, String user) {
        AuthorizationRequest ar = validateForControl(authorizeUrl);
        String name = state.requireUser(user).base.name();
        approvals.add(approvalKey(name, ar.client().clientId()));
        return issueCode(ar, name);
    }

    /** The test control: the user presses Cancel; the URL the browser is sent to. */
    String deny(URI authorizeUrl) {
        return validateForControl(authorizeUrl).denialUrl();
    }

    private AuthorizationRequest validateForControl(URI authorizeUrl) {
        String query = authorizeUrl.getRawQuery();
        Map<String, String> params = new LinkedHashMap<>();
        for (Parameter p : FormEncoding.parse(query == null ? "" : query)) {
            if (OAuth2AuthorizationRequests.PARAMS.contains(p.name())) {
                params.putIfAbsent(p.name(), p.value());
            }
        }
        try {
            return requests.validate(params);
        } catch (OAuth2Problem problem) {
            throw new IllegalArgumentException("the wiki refuses this authorization request: " + problem.getMessage());
        }
    }

    private AuthorizationCodeGrant issueCode(AuthorizationRequest ar, String user) {
        String code = "def502" + Texts.randomHex(250);
        codes.put(code, new Code(ar.client().clientId(), user, ar.redirectUri(), ar.codeChallenge(), ar.scopes(),
                state.now().plus(CODE_LIFETIME)));
        String target = ar.target();
        String url = target + (target.contains("?") ? "&" : "?") + "code=" + code
                + (ar.state() == null ? "" : "&state=" + PercentEncoding.encode(ar.state()));
        return new AuthorizationCodeGrant(code, ar.state(), url);
    }

    private static String approvalKey(String user, String clientId) {
        return user + '\u0000' + clientId;
    }

    // ---- rest.php/oauth2/access_token

    /** {@code POST rest.php/oauth2/access_token}: the authorization_code and refresh_token grants. */
    WikiResponse accessToken(WikiRequest request) {
        if (!request.isPost()) {
            return WikiResponse.of(405, WikiResponse.JSON, "{\"messageTranslations\":{\"en\":\"The requested method "
                    + "is not allowed for this path.\"},\"httpCode\":405,\"httpReason\":\"Method Not Allowed\"}")
                    .withHeader("Allow", "POST");
        }
        try {
            String grantType = request.param("grant_type");
            if (grantType == null) {
                throw OAuth2Problem.unsupportedGrantType();
            }
            return switch (grantType) {
                case "authorization_code" -> authorizationCode(request);
                case "refresh_token" -> refresh(request);
                default -> throw OAuth2Problem.unsupportedGrantType();
            };
        } catch (OAuth2Problem problem) {
            return error(problem);
        }
    }

    /** league's AbstractGrant::validateClient: client_id, the secret of confidential clients, redirect_uri. */
    private OAuth2Client authenticateClient(WikiRequest request) {
        String clientId = request.param("client_id");
        if (clientId == null || clientId.isEmpty()) {
            throw OAuth2Problem.invalidRequest("client_id", null);
        }
        OAuth2Client client = clients.get(clientId);
        if (client == null) {
            throw OAuth2Problem.invalidClient();
        }
        String expected = client.clientSecret();
        if (expected != null) {
            String secret = request.param("client_secret");
            if (secret == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    secret.getBytes(StandardCharsets.UTF_8))) {
                throw OAuth2Problem.invalidClient();
            }
        }
        String redirectUri = request.param("redirect_uri");
        if (redirectUri != null && !redirectUri.equals(client.redirectUri())) {
            throw OAuth2Problem.invalidClient();
        }
        return client;
    }

    private WikiResponse authorizationCode(WikiRequest request) {
        OAuth2Client client = authenticateClient(request);
        String codeValue = request.param("code");
        if (codeValue == null || codeValue.isEmpty()) {
            throw OAuth2Problem.invalidRequest("code", null);
        }
        Code code = codes.get(codeValue);
        if (code == null) {
            throw usedCodes.contains(codeValue) ? OAuth2Problem.invalidGrant("Authorization code has been revoked")
                    : OAuth2Problem.invalidRequest("code", "Cannot decrypt the authorization code");
        }
        if (!state.now().isBefore(code.expires())) {
            throw OAuth2Problem.invalidGrant("Authorization code has expired");
        }
        if (!code.clientId().equals(client.clientId())) {
            throw OAuth2Problem.invalidRequest("code", "Authorization code was not issued to this client");
        }
        String redirectUri = request.param("redirect_uri");
        if (code.redirectUri() != null && redirectUri == null) {
            throw OAuth2Problem.invalidRequest("redirect_uri", null);
        }
        if (!java.util.Objects.equals(code.redirectUri(), redirectUri)) {
            throw OAuth2Problem.invalidRequest("redirect_uri", "Invalid redirect URI");
        }
        String codeVerifier = request.param("code_verifier");
        if (code.challenge() != null) {
            if (codeVerifier == null) {
                throw OAuth2Problem.invalidRequest("code_verifier", null);
            }
            if (!OAuth2AuthorizationRequests.PKCE.matcher(codeVerifier).matches()) {
                throw OAuth2Problem.invalidRequest("code_verifier",
                        "Code Verifier must follow the specifications of RFC-7636.");
            }
            if (!MessageDigest.isEqual(s256(codeVerifier).getBytes(StandardCharsets.US_ASCII),
                    code.challenge().getBytes(StandardCharsets.US_ASCII))) {
                throw OAuth2Problem.invalidGrant("Failed to verify `code_verifier`.");
            }
        } else if (codeVerifier != null) {
            throw OAuth2Problem.invalidRequest("code_challenge",
                    "code_verifier received when no code_challenge is present");
        }
        if (codes.remove(codeValue) == null) {
            throw OAuth2Problem.invalidGrant("Authorization code has been revoked");
        }
        usedCodes.add(codeValue);
        return tokenResponse(client.clientId(), code.user(), code.scopes());
    }

    private WikiResponse refresh(WikiRequest request) {
        OAuth2Client client = authenticateClient(request);
        String value = request.param("refresh_token");
        if (value == null || value.isEmpty()) {
            throw OAuth2Problem.invalidRequest("refresh_token", null);
        }
        RefreshTokenRow row = refreshTokens.get(value);
        if (row == null) {
            throw OAuth2Problem.invalidRefreshToken("Cannot decrypt the refresh token");
        }
        if (!row.clientId.equals(client.clientId())) {
            throw OAuth2Problem.invalidRefreshToken("Token is not linked to client");
        }
        if (!state.now().isBefore(row.expires)) {
            throw OAuth2Problem.invalidRefreshToken("Token has expired");
        }
        synchronized (row) {
            if (row.revoked) {
                throw OAuth2Problem.invalidRefreshToken("Token has been revoked");
            }
            row.revoked = true;
        }
        accessTokens.revoke(row.accessJti);
        return tokenResponse(client.clientId(), row.user, row.scopes);
    }

    private WikiResponse tokenResponse(String clientId, String user, List<String> scopes) {
        OAuth2AccessTokens.Issued access = accessTokens.issue(clientId, user, scopes, ACCESS_TOKEN_LIFETIME);
        String refresh = "def502" + Texts.randomHex(250);
        refreshTokens.put(refresh, new RefreshTokenRow(clientId, user, scopes, access.jti(),
                state.now().plus(REFRESH_TOKEN_LIFETIME)));
        ObjectNode body = json.createObjectNode();
        body.put("token_type", "Bearer");
        body.put("expires_in", ACCESS_TOKEN_LIFETIME.toSeconds());
        body.put("access_token", access.token());
        body.put("refresh_token", refresh);
        return WikiResponse.of(200, TOKEN_JSON, json.writeValueAsString(body))
                .withHeader("Pragma", "no-cache").withHeader("Cache-Control", "no-store");
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    // ---- bearer tokens: rest.php/oauth2/resource/profile and api.php

    /** Checks a bearer token as league's BearerTokenValidator does, then the wiki's own row (expiry, revocation). */
    Bearer bearer(@Nullable String token) {
        return accessTokens.check(token);
    }

    /**
     * {@code GET rest.php/oauth2/resource/profile}: the identify claims as JSON, labelled {@code text/html} as on
     * a real wiki; a bad token is league's 401 {@code access_denied}.
     */
    WikiResponse profile(WikiRequest request) {
        Bearer bearer = bearer(request.bearer());
        WikiState.UserState user = bearer.user();
        if (user == null) {
            return error(OAuth2Problem.accessDenied(String.valueOf(bearer.hint())));
        }
        WikiUser u = user.snapshot();
        ObjectNode body = json.createObjectNode();
        body.put("sub", Long.toString(u.id()));
        body.put("username", u.name());
        body.put("editcount", user.editCount());
        body.put("confirmed_email", u.emailConfirmed());
        body.put("blocked", u.blocked());
        Instant registered = u.registered();
        body.put("registered", registered == null ? null : Texts.mwTimestamp(registered));
        u.groups().forEach(body.putArray("groups")::add);
        u.rights().forEach(body.putArray("rights")::add);
        bearer.scopes().forEach(body.putArray("grants")::add);
        if (bearer.scopes().contains("mwoauth-authonlyprivate")) {
            body.put("realname", u.realName());
            body.put("email", u.email());
        }
        return WikiResponse.of(200, WikiResponse.HTML, json.writeValueAsString(body));
    }

    /** The api.php answer to an expired bearer in Wikimedia edge mode: 401 and a {@code WWW-Authenticate} header. */
    static String edgeChallenge() {
        return "Bearer error=\"invalid_token\", error_description=\"The access token expired\"";
    }

    // ---- test controls

    /** Makes every live access token of {@code user} expire now; answers how many. */
    int expireAccessTokens(String user) {
        return accessTokens.expire(state.requireUser(user).base.name());
    }

    /** Revokes the user's access and refresh tokens of the client (Special:OAuthManageMyGrants); answers whether any. */
    boolean revoke(String user, OAuth2Client client) {
        String name = state.requireUser(user).base.name();
        boolean any = accessTokens.revoke(name, client.clientId());
        for (RefreshTokenRow row : refreshTokens.values()) {
            if (row.user.equals(name) && row.clientId.equals(client.clientId()) && !row.revoked) {
                row.revoked = true;
                any = true;
            }
        }
        approvals.remove(approvalKey(name, client.clientId()));
        return any;
    }

    /** league's JSON error body: error, error_description, hint (if any), message. */
    WikiResponse error(OAuth2Problem problem) {
        ObjectNode body = json.createObjectNode();
        body.put("error", problem.error());
        body.put("error_description", problem.description());
        if (problem.hint() != null) {
            body.put("hint", problem.hint());
        }
        body.put("message", problem.description());
        return WikiResponse.of(problem.status(), WikiResponse.JSON, json.writeValueAsString(body));
    }
}
