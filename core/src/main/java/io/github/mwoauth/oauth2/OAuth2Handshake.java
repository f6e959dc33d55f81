package io.github.mwoauth.oauth2;

import io.github.mwoauth.HandshakeException;
import io.github.mwoauth.MediaWikiEndpoints;
import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.WikiUnavailableException.Kind;
import io.github.mwoauth.WikiUnavailableException;
import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.http.PercentEncoding;
import io.github.mwoauth.http.WikiHttp;
import io.github.mwoauth.http.WikiObservations;
import io.github.mwoauth.http.WikiResponse;
import io.github.mwoauth.login.LoginRedirect;
import io.github.mwoauth.login.PendingLogin;
import io.github.mwoauth.support.Json;
import io.github.mwoauth.support.SeededRandom;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The OAuth 2.0 authorization code grant with a wiki's Extension:OAuth (rest.php/oauth2): the authorize URL
 * with {@code state} and PKCE S256 (always, for confidential clients too), the code exchange, the refresh and
 * the profile. Every failure is an error signal: {@link OAuth2Exception} when the wiki refused (its
 * {@code error}, description, hint and HTTP status), {@link HandshakeException} when the callback does not
 * belong to the pending authorization (nothing is sent then), {@link WikiUnavailableException} when the wiki
 * could not be used.
 *
 * <pre>{@code
 * OAuth2Handshake oauth2 = OAuth2Login.builder().wiki("https://meta.wikimedia.org/w")
 *         .clientId(id).clientSecret(secret).userAgent("MyTool/1.0 (me@example.org)").build().handshake();
 * // at the login route: keep the pending login (in the session), send the user to the wiki
 * Mono<URI> redirect = oauth2.authorize().map(r -> keep(r.pending(next, now))).map(PendingLogin::authorizeUrl);
 * // at the callback: the code for tokens (store them too), then who the user is
 * Mono<MediaWikiIdentity> me = oauth2.exchange(pending, callbackState, callbackCode).flatMap(oauth2::profile);
 * }</pre>
 */
public final class OAuth2Handshake {

    private final MediaWikiEndpoints endpoints;
    private final @Nullable String clientId;
    private final @Nullable String clientSecret;
    private final List<String> scopes;
    private final @Nullable String redirectUri;
    private final Clock clock;
    private final WikiHttp http;
    private final WikiObservations observations;

    OAuth2Handshake(MediaWikiEndpoints endpoints, @Nullable String clientId, @Nullable String clientSecret,
            List<String> scopes, @Nullable String redirectUri, Clock clock, WikiHttp http,
            WikiObservations observations) {
        this.endpoints = endpoints;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scopes = List.copyOf(scopes);
        this.redirectUri = redirectUri;
        this.clock = clock;
        this.http = http;
        this.observations = observations;
    }

    /** The wiki. */
    public MediaWikiEndpoints endpoints() {
        return endpoints;
    }

    /** {@code rest.php/oauth2/authorize}. */
    public URI authorizeEndpoint() {
        return rest("/oauth2/authorize");
    }

    /** {@code rest.php/oauth2/access_token}. */
    public URI tokenEndpoint() {
        return rest("/oauth2/access_token");
    }

    private URI rest(String path) {
        return URI.create(endpoints.restPhp() + path);
    }

    /**
     * Starts an authorization: a fresh {@code state} (128 random bits) and PKCE verifier (256 bits), and the
     * authorize URL to send the user to, with the {@code redirect_uri} when one is set. Nothing is sent to the
     * wiki. The {@link LoginRedirect}'s key is the {@code state}, its secret the verifier.
     */
    public Mono<LoginRedirect> authorize() {
        String id = clientId;
        if (id == null) {
            return Mono.error(new IllegalStateException("an OAuth 2.0 login needs the client id"));
        }
        return Mono.fromSupplier(() -> {
            String state = SeededRandom.hex(16);
            String verifier = SeededRandom.hex(32);
            StringBuilder url = new StringBuilder(authorizeEndpoint().toString()).append("?response_type=code")
                    .append("&client_id=").append(PercentEncoding.encode(id))
                    .append("&state=").append(state);
            if (redirectUri != null) {
                url.append("&redirect_uri=").append(PercentEncoding.encode(redirectUri));
            }
            url.append("&code_challenge=").append(s256(verifier)).append("&code_challenge_method=S256");
            if (!scopes.isEmpty()) {
                url.append("&scope=").append(PercentEncoding.encode(String.join(" ", scopes)));
            }
            return new LoginRedirect(URI.create(url.toString()), state, verifier);
        });
    }

    /**
     * Exchanges the callback's code for tokens, after checking (in constant time) that the callback's
     * {@code state} is the pending one; a mismatch sends nothing.
     *
     * @param pending what {@link #authorize()} started, kept since: its key is the {@code state}, its secret the
     *     PKCE verifier
     * @param callbackState the callback's {@code state}
     * @param code the callback's {@code code}
     */
    public Mono<OAuth2Tokens> exchange(PendingLogin pending, @Nullable String callbackState, @Nullable String code) {
        Objects.requireNonNull(pending, "pending cannot be null");
        if (callbackState == null || !MessageDigest.isEqual(pending.key().getBytes(StandardCharsets.UTF_8),
                callbackState.getBytes(StandardCharsets.UTF_8))) {
            return Mono.error(new HandshakeException("callback",
                    "the callback's state does not match the pending authorization", null, null));
        }
        if (code == null || code.isEmpty()) {
            return Mono.error(new HandshakeException("callback", "the callback carries no code", null, null));
        }
        List<Parameter> form = new ArrayList<>();
        form.add(Parameter.of("grant_type", "authorization_code"));
        form.add(Parameter.of("code", code));
        if (redirectUri != null) {
            form.add(Parameter.of("redirect_uri", redirectUri));
        }
        form.add(Parameter.of("code_verifier", pending.secret()));
        return tokenRequest("token", form, null);
    }

    /**
     * Trades the refresh token for new tokens. The wiki rotates refresh tokens: the old one (and its access
     * token) stop working. Throws {@link IllegalArgumentException} when {@code tokens} has no refresh token.
     */
    public Mono<OAuth2Tokens> refresh(OAuth2Tokens tokens) {
        Objects.requireNonNull(tokens, "tokens cannot be null");
        String refreshToken = tokens.refreshToken();
        if (refreshToken == null) {
            throw new IllegalArgumentException("these tokens have no refresh token");
        }
        List<Parameter> form = new ArrayList<>();
        form.add(Parameter.of("grant_type", "refresh_token"));
        form.add(Parameter.of("refresh_token", refreshToken));
        return tokenRequest("refresh", form, refreshToken);
    }

    /**
     * The {@code client_credentials} grant of an owner-only client: an access token acting as the client's owner,
     * without a refresh token (ask again when it expires). Needs the client id and secret.
     */
    public Mono<OAuth2Tokens> clientCredentials() {
        if (clientSecret == null) {
            return Mono.error(new IllegalStateException("the client_credentials grant needs the client secret"));
        }
        return tokenRequest("client credentials", List.of(Parameter.of("grant_type", "client_credentials")), null);
    }

    /**
     * Who holds the access token, from {@code rest.php/oauth2/resource/profile}. Real wikis label that JSON as
     * {@code text/html}; the body is parsed as JSON whatever the content type.
     */
    public Mono<MediaWikiIdentity> profile(OAuth2Tokens tokens) {
        Objects.requireNonNull(tokens, "tokens cannot be null");
        URI uri = rest("/oauth2/resource/profile");
        return observations.handshake("profile", Mono.defer(() -> http.send(uri, null, tokens.authorizationHeader()))
                .map(OAuth2Handshake::identity));
    }

    private Mono<OAuth2Tokens> tokenRequest(String step, List<Parameter> grant, @Nullable String previousRefresh) {
        String id = clientId;
        if (id == null) {
            return Mono.error(new IllegalStateException("an OAuth 2.0 " + step + " needs the client id"));
        }
        List<Parameter> form = new ArrayList<>(grant);
        form.add(Parameter.of("client_id", id));
        if (clientSecret != null) {
            form.add(Parameter.of("client_secret", clientSecret));
        }
        URI uri = tokenEndpoint();
        return observations.handshake(step, Mono.defer(() -> {
            Instant sent = clock.instant();
            return http.send(uri, form, null).map(response -> tokens(step, response, sent, previousRefresh));
        }));
    }

    private static OAuth2Tokens tokens(String step, WikiResponse response, Instant sent,
            @Nullable String previousRefresh) {
        JsonNode body = requireSuccess(step, response);
        String accessToken = Json.text(body, "access_token");
        String tokenType = Json.text(body, "token_type");
        if (accessToken == null || accessToken.isEmpty() || tokenType == null || !tokenType.equalsIgnoreCase("Bearer")) {
            throw new WikiUnavailableException(Kind.MALFORMED_RESPONSE,
                    "The wiki's answer to the OAuth 2.0 " + step + " step has no bearer access_token", null);
        }
        JsonNode expiresIn = body.get("expires_in");
        Instant expiresAt = expiresIn != null && expiresIn.isNumber() && expiresIn.asLong() > 0
                ? sent.plusSeconds(expiresIn.asLong()) : Instant.MAX;
        String refreshToken = Json.text(body, "refresh_token");
        // RFC 6749 §6: a refresh answer without a refresh token leaves the old one in force
        return new OAuth2Tokens(accessToken, refreshToken != null ? refreshToken : previousRefresh, expiresAt);
    }

    private static MediaWikiIdentity identity(WikiResponse response) {
        JsonNode body = requireSuccess("profile", response);
        JsonNode sub = body.get("sub");
        if (sub == null || !(sub.isString() || sub.isNumber())) {
            throw new WikiUnavailableException(Kind.MALFORMED_RESPONSE,
                    "The wiki's OAuth 2.0 profile has no sub", null);
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (!e.getValue().isNull()) {
                claims.put(e.getKey(), Json.MAPPER.treeToValue(e.getValue(), Object.class));
            }
        }
        return new MediaWikiIdentity(sub.asString(), Json.text(body, "username"), strings(body, "groups"),
                strings(body, "rights"), strings(body, "grants"), body.path("editcount").asLong(0),
                body.path("blocked").asBoolean(false), body.path("confirmed_email").asBoolean(false),
                MediaWikiIdentity.registeredAt(Json.text(body, "registered")), Json.text(body, "realname"), Json.text(body, "email"),
                claims);
    }

    /** The JSON object of a 2xx answer; a 4xx with an OAuth 2.0 error body is the wiki's refusal. */
    private static JsonNode requireSuccess(String step, WikiResponse response) {
        JsonNode body = Json.readOrNull(response.body());
        JsonNode error = body == null ? null : body.get("error");
        if (error != null && error.isString() && (response.isSuccess()
                || response.status() >= 400 && response.status() < 500)) {
            String description = Json.text(body, "error_description");
            throw new OAuth2Exception(step, error.asString(), description != null ? description : Json.text(body, "message"),
                    Json.text(body, "hint"), response.status());
        }
        if (!response.isSuccess()) {
            throw new WikiUnavailableException(Kind.HTTP_ERROR, response.status(),
                    "The wiki answered the OAuth 2.0 " + step + " step with HTTP " + response.status(), null);
        }
        if (body == null || !body.isObject()) {
            throw new WikiUnavailableException(Kind.MALFORMED_RESPONSE,
                    "The wiki's answer to the OAuth 2.0 " + step + " step is not a JSON object", null);
        }
        return body;
    }

    private static List<String> strings(JsonNode body, String name) {
        List<String> out = new ArrayList<>();
        JsonNode array = body.get(name);
        if (array != null && array.isArray()) {
            array.forEach(v -> out.add(v.asString()));
        }
        return out;
    }

    /** RFC 7636 §4.2: {@code BASE64URL(SHA256(ASCII(code_verifier)))}. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    @Override
    public String toString() {
        return "OAuth2Handshake[" + endpoints.restPhp() + ", clientId=" + clientId + ", confidential="
                + (clientSecret != null) + "]";
    }
}
