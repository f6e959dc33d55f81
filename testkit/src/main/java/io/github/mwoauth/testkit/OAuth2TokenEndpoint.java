package io.github.mwoauth.testkit;

import io.github.mwoauth.http.PercentEncoding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST rest.php/oauth2/access_token}: the authorization_code, refresh_token and client_credentials grants,
 * with the statuses, {@code error}s and hints a REL1_39 wiki answers; the codes and refresh tokens it issued. The
 * client authenticates with form fields or HTTP Basic (RFC 6749 §2.3.1). Thread-safe.
 */
final class OAuth2TokenEndpoint {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);
    static final String TOKEN_JSON = "application/json; charset=UTF-8";

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

    private final WikiState state;
    private final JsonMapper json;
    private final OAuth2AccessTokens accessTokens;
    private final Map<String, OAuth2Client> clients;
    private final Map<String, String> owners;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();
    private final Map<String, RefreshTokenRow> refreshTokens = new ConcurrentHashMap<>();
    private volatile Duration refreshTokenLifetime;

    OAuth2TokenEndpoint(WikiState state, JsonMapper json, OAuth2AccessTokens accessTokens,
            Map<String, OAuth2Client> clients, Map<String, String> owners, Duration refreshTokenLifetime) {
        this.state = state;
        this.json = json;
        this.accessTokens = accessTokens;
        this.clients = clients;
        this.owners = owners;
        this.refreshTokenLifetime = refreshTokenLifetime;
    }

    void refreshTokenLifetime(Duration lifetime) {
        this.refreshTokenLifetime = lifetime;
    }

    /** A code for {@code user}'s approval of {@code ar}; lives {@link #CODE_LIFETIME}. */
    AuthorizationCodeGrant issueCode(AuthorizationRequest ar, String user, List<String> scopes) {
        String code = "def502" + Texts.randomHex(250);
        codes.put(code, new Code(ar.client().clientId(), user, ar.redirectUri(), ar.codeChallenge(), scopes,
                state.now().plus(CODE_LIFETIME)));
        String target = ar.target();
        String url = target + (target.contains("?") ? "&" : "?") + "code=" + code
                + (ar.state() == null ? "" : "&state=" + PercentEncoding.encode(ar.state()));
        return new AuthorizationCodeGrant(code, ar.state(), url);
    }

    /** The access token endpoint: 405 for anything but POST, else the grant named by {@code grant_type}. */
    WikiResponse handle(WikiRequest request) {
        if (!request.isPost()) {
            return WikiResponse.of(405, WikiResponse.JSON, "{\"messageTranslations\":{\"en\":\"The requested method "
                    + "is not allowed for this path.\"},\"httpCode\":405,\"httpReason\":\"Method Not Allowed\"}")
                    .withHeader("Allow", "POST");
        }
        try {
            return switch (request.param("grant_type", "")) {
                case "authorization_code" -> authorizationCode(request);
                case "refresh_token" -> refresh(request);
                case "client_credentials" -> clientCredentials(request);
                default -> throw OAuth2Problem.invalidRequest("grant_type", null);
            };
        } catch (OAuth2Problem problem) {
            return error(json, problem);
        }
    }

    /**
     * league's AbstractGrant::validateClient: the client's id and secret from the form, else from HTTP Basic; the
     * secret is checked when sent, and required when {@code secretRequired} or the client is confidential; a
     * {@code redirect_uri} must be the registered one.
     */
    private OAuth2Client authenticateClient(WikiRequest request, boolean secretRequired) {
        String[] basic = basicCredentials(request.authorization());
        String clientId = request.param("client_id", basic == null ? "" : basic[0]);
        if (clientId.isEmpty()) {
            throw OAuth2Problem.invalidRequest("client_id", null);
        }
        OAuth2Client client = clients.get(clientId);
        if (client == null) {
            throw OAuth2Problem.invalidClient();
        }
        String secret = request.param("client_secret", basic == null ? null : basic[1]);
        if (secret == null ? secretRequired || client.confidential()
                : !MessageDigest.isEqual(client.clientSecret().getBytes(StandardCharsets.UTF_8),
                        secret.getBytes(StandardCharsets.UTF_8))) {
            throw OAuth2Problem.invalidClient();
        }
        String redirectUri = request.param("redirect_uri");
        if (redirectUri != null && !redirectUri.equals(client.redirectUri())) {
            throw OAuth2Problem.invalidClient();
        }
        return client;
    }

    /** {@code Basic base64(id:secret)} as id and secret, or {@code null} when the header is not Basic. */
    private static String @Nullable [] basicCredentials(@Nullable String authorization) {
        if (authorization == null || authorization.length() < 6
                || !authorization.substring(0, 6).equalsIgnoreCase("Basic ")) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private WikiResponse authorizationCode(WikiRequest request) {
        OAuth2Client client = authenticateClient(request, false);
        String codeValue = required(request, "code");
        Code code = codes.get(codeValue);
        if (code == null) {
            throw OAuth2Problem.invalidRequest("code", usedCodes.contains(codeValue)
                    ? "Authorization code has been revoked" : "Cannot decrypt the authorization code");
        }
        if (!state.now().isBefore(code.expires())) {
            throw OAuth2Problem.invalidRequest("code", "Authorization code has expired");
        }
        if (!code.clientId().equals(client.clientId())) {
            throw OAuth2Problem.invalidRequest("code", "Authorization code was not issued to this client");
        }
        String redirectUri = request.param("redirect_uri");
        if (code.redirectUri() != null && redirectUri == null) {
            throw OAuth2Problem.invalidRequest("redirect_uri", null);
        }
        if (!Objects.equals(code.redirectUri(), redirectUri)) {
            throw OAuth2Problem.invalidRequest("redirect_uri", "Invalid redirect URI");
        }
        checkVerifier(code.challenge(), request.param("code_verifier"));
        if (codes.remove(codeValue) == null) {
            throw OAuth2Problem.invalidRequest("code", "Authorization code has been revoked");
        }
        usedCodes.add(codeValue);
        return tokenResponse(client.clientId(), code.user(), code.scopes(), true);
    }

    /** A parameter that must be there and not empty: league's {@code invalidRequest(name)} otherwise. */
    private static String required(WikiRequest request, String name) {
        String value = request.param(name, "");
        if (value.isEmpty()) {
            throw OAuth2Problem.invalidRequest(name, null);
        }
        return value;
    }

    /** PKCE (RFC 7636): a failed check does not use up the code. */
    private static void checkVerifier(@Nullable String challenge, @Nullable String verifier) {
        if (challenge == null) {
            if (verifier != null) {
                throw OAuth2Problem.invalidRequest("code_challenge",
                        "code_verifier received when no code_challenge is present");
            }
            return;
        }
        if (verifier == null) {
            throw OAuth2Problem.invalidRequest("code_verifier", null);
        }
        if (!OAuth2AuthorizationRequests.PKCE.matcher(verifier).matches()) {
            throw OAuth2Problem.invalidRequest("code_verifier",
                    "Code Verifier must follow the specifications of RFC-7636.");
        }
        if (!MessageDigest.isEqual(OAuth2Server.s256(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII))) {
            throw OAuth2Problem.invalidGrant("Failed to verify `code_verifier`.");
        }
    }

    /** A refresh needs the client's secret, a public client's too (REL1_39). */
    private WikiResponse refresh(WikiRequest request) {
        OAuth2Client client = authenticateClient(request, true);
        String value = required(request, "refresh_token");
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
        return tokenResponse(client.clientId(), row.user, row.scopes, true);
    }

    /** client_credentials: owner-only clients only, an access token for the owner and no refresh token. */
    private WikiResponse clientCredentials(WikiRequest request) {
        OAuth2Client client = authenticateClient(request, true);
        String owner = owners.get(client.clientId());
        if (owner == null) {
            throw OAuth2Problem.unauthorizedClient();
        }
        return tokenResponse(client.clientId(), owner, client.grants(), false);
    }

    private WikiResponse tokenResponse(String clientId, String user, List<String> scopes, boolean withRefresh) {
        OAuth2AccessTokens.Issued access = accessTokens.issue(clientId, user, scopes, ACCESS_TOKEN_LIFETIME);
        ObjectNode body = json.createObjectNode();
        body.put("token_type", "Bearer");
        body.put("expires_in", ACCESS_TOKEN_LIFETIME.toSeconds());
        body.put("access_token", access.token());
        if (withRefresh) {
            String refresh = "def502" + Texts.randomHex(250);
            refreshTokens.put(refresh, new RefreshTokenRow(clientId, user, scopes, access.jti(),
                    state.now().plus(refreshTokenLifetime)));
            body.put("refresh_token", refresh);
        }
        return WikiResponse.of(200, TOKEN_JSON, json.writeValueAsString(body))
                .withHeader("Pragma", "no-cache").withHeader("Cache-Control", "no-store");
    }

    /** Revokes the user's refresh tokens of the client; answers whether any was live. */
    boolean revoke(String user, String clientId) {
        boolean any = false;
        for (RefreshTokenRow row : refreshTokens.values()) {
            if (row.user.equals(user) && row.clientId.equals(clientId) && !row.revoked) {
                row.revoked = true;
                any = true;
            }
        }
        return any;
    }

    /** league's JSON error body: error, error_description, hint (if any), message. */
    static WikiResponse error(JsonMapper json, OAuth2Problem problem) {
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
