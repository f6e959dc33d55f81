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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Extension:OAuth's OAuth 2.0 side (league/oauth2-server behind rest.php): client registration, the
 * authorization code grant with PKCE through the consent page Special:OAuth/approve, the grants users gave
 * (listed on Special:OAuthManageMyGrants), the profile resource, and bearer checks for api.php; the token endpoint
 * is {@link OAuth2TokenEndpoint}. Thread-safe.
 */
final class OAuth2Server {

    static final Duration OWNER_ONLY_LIFETIME = Duration.ofDays(3650);
    static final String INVALID_ACCESS_TOKEN = "Invalid access token";

    /** The outcome of checking a bearer token: the user and scopes, or why it failed. */
    record Bearer(WikiState.@Nullable UserState user, List<String> scopes, boolean expired, @Nullable String hint) {
    }

    /** A user's approval of a client (a row of {@code oauth_accepted_consumer}), with its acceptance id. */
    record Grant(long id, String user, String clientId, List<String> scopes) {
    }

    private final WikiState state;
    private final String server;
    private final JsonMapper json;
    private final OAuth2AccessTokens accessTokens;
    private final OAuth2AuthorizationRequests requests;
    private final OAuth2TokenEndpoint tokenEndpoint;
    private final Map<String, OAuth2Client> clients = new ConcurrentHashMap<>();
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private volatile boolean wikimediaEdge;

    OAuth2Server(WikiState state, String server, JsonMapper json, WikiProfile profile, Duration refreshTokenLifetime) {
        this.state = state;
        this.server = server;
        this.json = json;
        this.accessTokens = new OAuth2AccessTokens(state, server);
        this.requests = new OAuth2AuthorizationRequests(clients);
        this.tokenEndpoint = new OAuth2TokenEndpoint(state, json, accessTokens, clients, owners,
                refreshTokenLifetime);
        this.wikimediaEdge = profile.invalidTokenChallenge();
    }

    RSAKey publicKey() {
        return accessTokens.publicKey();
    }

    OAuth2TokenEndpoint tokenEndpoint() {
        return tokenEndpoint;
    }

    void wikimediaEdge(boolean on) {
        this.wikimediaEdge = on;
    }

    boolean wikimediaEdge() {
        return wikimediaEdge;
    }

    // ---- registration

    /** Every client gets a secret, public ones too (they need it to refresh); owner-only ones an access token. */
    OAuth2Client register(OAuth2ClientRegistration r) {
        String id = r.clientId() != null ? r.clientId() : Texts.randomHex(32);
        String secret = r.clientSecret() != null ? r.clientSecret() : Texts.randomHex(40);
        String ownerToken = null;
        String owner = r.owner();
        String ownerName = owner == null ? null : state.requireUser(owner).base.name();
        if (ownerName != null) {
            ownerToken = accessTokens.issue(id, ownerName, r.grants(), OWNER_ONLY_LIFETIME).token();
        }
        OAuth2Client client = new OAuth2Client(r.name(), id, secret, r.redirectUri(), r.grants(), ownerToken,
                r.confidential());
        if (clients.putIfAbsent(id, client) != null) {
            throw new IllegalArgumentException("client id already registered: " + id);
        }
        if (ownerName != null) {
            owners.put(id, ownerName);
        }
        return client;
    }

    // ---- rest.php/oauth2/authorize and Special:OAuth/approve

    /**
     * {@code GET rest.php/oauth2/authorize}: a refusal is the 200 "Application Connection Error" page, as is the
     * way back from Cancel ({@code approval_cancel=1}); a logged-out browser goes to Special:UserLogin (307), a
     * logged-in one to the consent page (307), and back from Allow ({@code approval_pass=1}) to the redirect URI
     * with the code (302).
     */
    WikiResponse authorize(WikiRequest request, ConsentPages consent) {
        AuthorizationRequest ar;
        try {
            ar = requests.validate(OAuth2AuthorizationRequests.params(request));
        } catch (OAuth2Problem problem) {
            return connectionError(problem.pageText());
        }
        if ("1".equals(request.param("approval_cancel"))) {
            return connectionError(OAuth2Problem.UNAUTHORIZED_CLIENT);
        }
        WikiState.UserState user = consent.browserUser(request);
        if (user == null) {
            return redirect307(server + "/w/index.php?title=Special:UserLogin&returnto="
                    + PercentEncoding.encode("Special:OAuth/rest redirect") + "&returntoquery="
                    + PercentEncoding.encode("rest_url=" + PercentEncoding.encode(server + request.target())));
        }
        Grant grant = grants.get(grantKey(user.base.name(), ar.client().clientId()));
        if ("1".equals(request.param("approval_pass")) && grant != null) {
            return WikiResponse.redirect(tokenEndpoint.issueCode(ar, user.base.name(), grant.scopes()).redirectUrl());
        }
        String as = ar.params().get("as");
        return redirect307(server + "/w/index.php?title=Special:OAuth/approve&client_id="
                + PercentEncoding.encode(ar.client().clientId()) + "&oauth_version=2&returnto="
                + PercentEncoding.encode("/w/rest.php/oauth2/authorize") + "&returntoquery="
                + PercentEncoding.encode(rawQuery(request.target()))
                + (as == null ? "" : "&as=" + PercentEncoding.encode(as)));
    }

    /** {@code Special:OAuth/rest redirect}: where the login page sends the browser back to rest.php. */
    WikiResponse restRedirect(WikiRequest request) {
        String url = request.param("rest_url", "");
        if (!url.startsWith(server + "/w/rest.php/")) {
            return connectionError(OAuth2Problem.INVALID_REQUEST);
        }
        return WikiResponse.redirect(url);
    }

    /**
     * Special:OAuth/approve: the authorization request travels in {@code returntoquery}; GET shows the consent
     * form, POST is Allow or Cancel, both back to authorize.
     */
    WikiResponse approve(WikiRequest request, ConsentPages consent) {
        String returnToQuery = request.param("returntoquery", "");
        Map<String, String> params = new LinkedHashMap<>();
        for (Parameter p : FormEncoding.parse(returnToQuery)) {
            if (OAuth2AuthorizationRequests.PARAMS.contains(p.name())) {
                params.putIfAbsent(p.name(), p.value());
            }
        }
        String asParam = request.param("as");
        if (asParam != null) {
            params.putIfAbsent("as", asParam);
        }
        AuthorizationRequest ar;
        try {
            ar = requests.validate(params);
        } catch (OAuth2Problem problem) {
            return connectionError(problem.pageText());
        }
        WikiState.UserState user = consent.browserUser(request);
        if (user == null) {
            return WikiResponse.redirect(server + "/w/index.php?title=Special:UserLogin&returnto="
                    + PercentEncoding.encode("Special:OAuth/approve") + "&returntoquery="
                    + PercentEncoding.encode(rawQuery(request.target())) + "&warning=mwoauth-login-required-reason");
        }
        String key = grantKey(user.base.name(), ar.client().clientId());
        String form = ConsentPages.oauth2Form(ar, user, returnToQuery, grants.containsKey(key));
        if (!request.isPost()) {
            return ConsentPages.html("OAuth", "OAuth", form);
        }
        if (!user.csrfToken.equals(request.param("wpEditToken"))) {
            return ConsentPages.html("OAuth", "OAuth", "<div class='error'>Sorry! We could not process your form "
                    + "submission due to a loss of session data.</div>" + form);
        }
        if (request.param("cancel") != null) {
            return WikiResponse.redirect(backToAuthorize(ar, "approval_cancel"));
        }
        accept(user.base.name(), ar);
        return WikiResponse.redirect(backToAuthorize(ar, "approval_pass"));
    }

    /** The test control: {@code user} allows the request at {@code authorizeUrl}. */
    AuthorizationCodeGrant approve(URI authorizeUrl, String user) {
        AuthorizationRequest ar = validateForControl(authorizeUrl);
        String name = state.requireUser(user).base.name();
        return tokenEndpoint.issueCode(ar, name, accept(name, ar).scopes());
    }

    /** The test control: the user presses Cancel; the URL the browser is sent to (which never reaches the app). */
    String deny(URI authorizeUrl) {
        return backToAuthorize(validateForControl(authorizeUrl), "approval_cancel");
    }

    private Grant accept(String user, AuthorizationRequest ar) {
        return grants.compute(grantKey(user, ar.client().clientId()), (k, old) -> new Grant(
                old == null ? state.newAcceptanceId() : old.id(), user, ar.client().clientId(), ar.scopes()));
    }

    /** {@code rest.php/oauth2/authorize?approval_pass=1&...}: the request's parameters but scope, sorted. */
    private String backToAuthorize(AuthorizationRequest ar, String flag) {
        Map<String, String> back = new TreeMap<>(ar.params());
        back.remove("scope");
        back.put(flag, "1");
        StringBuilder url = new StringBuilder(server).append("/w/rest.php/oauth2/authorize?");
        back.forEach((n, v) -> url.append(url.charAt(url.length() - 1) == '?' ? "" : "&").append(n).append('=')
                .append(PercentEncoding.encode(v)));
        return url.toString();
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

    private static String grantKey(String user, String clientId) {
        return user + '\u0000' + clientId;
    }

    private static String rawQuery(String target) {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    private static WikiResponse redirect307(String location) {
        return WikiResponse.redirect(location).withStatus(307);
    }

    /** {@code OutputPage::showErrorPage('mwoauth-error', ...)} with league's sentence: HTTP 200. */
    static WikiResponse connectionError(String text) {
        return ConsentPages.html("Application Connection Error", "Application Connection Error",
                "<div class='error'><p>" + Texts.html(text) + "</p></div>");
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
     * a real wiki; a bad token is league's 401 {@code access_denied}; no {@code Authorization} header at all is
     * REL1_39's 500.
     */
    WikiResponse profile(WikiRequest request) {
        if (request.authorization() == null) {
            return WikiResponse.of(500, WikiResponse.JSON, "{\"exception\":{\"message\":\"Header value can not be an "
                    + "empty array.\",\"code\":0},\"httpCode\":500,\"httpReason\":\"Internal Server Error\","
                    + "\"message\":\"InvalidArgumentException: Header value can not be an empty array.\"}");
        }
        Bearer bearer = bearer(request.bearer());
        WikiState.UserState user = bearer.user();
        if (user == null) {
            return OAuth2TokenEndpoint.error(json, OAuth2Problem.accessDenied(String.valueOf(bearer.hint())));
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

    // ---- grants and test controls

    /** The user's OAuth 2.0 grants, by acceptance id. */
    List<Grant> grants(String user) {
        return grants.values().stream().filter(g -> g.user().equals(user)).sorted(Comparator.comparingLong(Grant::id))
                .toList();
    }

    @Nullable OAuth2Client client(String clientId) {
        return clients.get(clientId);
    }

    /** Makes every live access token of {@code user} expire now; answers how many. */
    int expireAccessTokens(String user) {
        return accessTokens.expire(state.requireUser(user).base.name());
    }

    /** Revokes the user's grant, access and refresh tokens of the client (Special:OAuthManageMyGrants). */
    boolean revoke(String user, OAuth2Client client) {
        String name = state.requireUser(user).base.name();
        boolean tokens = accessTokens.revoke(name, client.clientId());
        boolean refresh = tokenEndpoint.revoke(name, client.clientId());
        return grants.remove(grantKey(name, client.clientId())) != null || tokens || refresh;
    }
}
