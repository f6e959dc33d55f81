package io.github.mwoauth;

import io.github.mwoauth.WikiUnavailableException.Kind;
import io.github.mwoauth.oauth1.OAuth1Signer;
import io.github.mwoauth.oauth1.Parameter;
import io.github.mwoauth.oauth1.PercentEncoding;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
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
 * OAuth2Handshake oauth2 = OAuth2Handshake.builder().wiki("https://meta.wikimedia.org/w")
 *         .clientId(id).clientSecret(secret).userAgent("MyTool/1.0 (me@example.org)").build();
 * // at the login route: keep the pending authorization (in the session), send the user to its URL
 * Mono<URI> redirect = oauth2.authorize(null).doOnNext(session::keep).map(OAuth2Authorization::authorizeUrl);
 * // at the callback: the code for tokens (store them too), then who the user is
 * Mono<MediaWikiIdentity> me = oauth2.exchange(pending, callbackState, callbackCode).flatMap(oauth2::profile);
 * }</pre>
 */
public final class OAuth2Handshake {

    private static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private final MediaWikiEndpoints endpoints;
    private final String clientId;
    private final @Nullable String clientSecret;
    private final List<String> scopes;
    private final Clock clock;
    private final WikiHttp http;

    private OAuth2Handshake(Builder b, MediaWikiEndpoints endpoints, String clientId) {
        this.endpoints = endpoints;
        this.clientId = clientId;
        this.clientSecret = b.clientSecret;
        this.scopes = List.copyOf(b.scopes);
        this.clock = b.clock;
        this.http = new WikiHttp(b.webClientBuilder, UserAgent.of(b.userAgent), b.connectTimeout, b.timeout,
                MAX_RESPONSE_BYTES);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code rest.php/oauth2/authorize}. */
    public URI authorizeEndpoint() {
        return rest("/oauth2/authorize");
    }

    /** {@code rest.php/oauth2/access_token}. */
    public URI tokenEndpoint() {
        return rest("/oauth2/access_token");
    }

    /** {@code rest.php/oauth2/resource/profile}. */
    public URI profileEndpoint() {
        return rest("/oauth2/resource/profile");
    }

    private URI rest(String path) {
        return URI.create(endpoints.restPhp() + path);
    }

    /**
     * Starts an authorization: a fresh {@code state} and PKCE verifier, and the authorize URL to send the user
     * to. Nothing is sent to the wiki.
     *
     * @param redirectUri the {@code redirect_uri} to send, which must equal the registered one; {@code null}
     *     sends none and the wiki uses the registered one
     */
    public Mono<OAuth2Authorization> authorize(@Nullable String redirectUri) {
        return Mono.fromSupplier(() -> {
            String state = OAuth1Signer.randomNonce();
            String verifier = OAuth1Signer.randomNonce() + OAuth1Signer.randomNonce();
            StringBuilder url = new StringBuilder(authorizeEndpoint().toString()).append("?response_type=code")
                    .append("&client_id=").append(PercentEncoding.encode(clientId))
                    .append("&state=").append(state);
            if (redirectUri != null) {
                url.append("&redirect_uri=").append(PercentEncoding.encode(redirectUri));
            }
            url.append("&code_challenge=").append(s256(verifier)).append("&code_challenge_method=S256");
            if (!scopes.isEmpty()) {
                url.append("&scope=").append(PercentEncoding.encode(String.join(" ", scopes)));
            }
            return new OAuth2Authorization(URI.create(url.toString()), state, verifier, redirectUri);
        });
    }

    /**
     * Exchanges the callback's code for tokens, after checking (in constant time) that the callback's
     * {@code state} is the pending one; a mismatch sends nothing.
     *
     * @param pending what {@link #authorize(String)} returned, kept since
     * @param callbackState the callback's {@code state}
     * @param code the callback's {@code code}
     */
    public Mono<OAuth2Tokens> exchange(OAuth2Authorization pending, @Nullable String callbackState,
            @Nullable String code) {
        Objects.requireNonNull(pending, "pending cannot be null");
        if (callbackState == null || !MessageDigest.isEqual(pending.state().getBytes(StandardCharsets.UTF_8),
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
        String redirectUri = pending.redirectUri();
        if (redirectUri != null) {
            form.add(Parameter.of("redirect_uri", redirectUri));
        }
        form.add(Parameter.of("code_verifier", pending.codeVerifier()));
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
     * Who holds the access token, from {@code rest.php/oauth2/resource/profile}. Real wikis label that JSON as
     * {@code text/html}; the body is parsed as JSON whatever the content type.
     */
    public Mono<MediaWikiIdentity> profile(OAuth2Tokens tokens) {
        return profile(http, endpoints, tokens);
    }

    /** The profile for a client without an OAuth 2.0 client id (an owner-only access token). */
    static Mono<MediaWikiIdentity> profile(WikiHttp http, MediaWikiEndpoints endpoints, OAuth2Tokens tokens) {
        Objects.requireNonNull(tokens, "tokens cannot be null");
        URI uri = URI.create(endpoints.restPhp() + "/oauth2/resource/profile");
        return Mono.defer(() -> http.send(uri, null, tokens.authorizationHeader())).map(OAuth2Handshake::identity);
    }

    private Mono<OAuth2Tokens> tokenRequest(String step, List<Parameter> grant, @Nullable String previousRefresh) {
        List<Parameter> form = new ArrayList<>(grant);
        form.add(Parameter.of("client_id", clientId));
        if (clientSecret != null) {
            form.add(Parameter.of("client_secret", clientSecret));
        }
        URI uri = tokenEndpoint();
        return Mono.defer(() -> {
            Instant sent = clock.instant();
            return http.send(uri, form, null).map(response -> tokens(step, response, sent, previousRefresh));
        });
    }

    private static OAuth2Tokens tokens(String step, WikiResponse response, Instant sent,
            @Nullable String previousRefresh) {
        JsonNode body = requireSuccess(step, response);
        String accessToken = text(body, "access_token");
        String tokenType = text(body, "token_type");
        if (accessToken == null || accessToken.isEmpty() || tokenType == null || !tokenType.equalsIgnoreCase("Bearer")) {
            throw new WikiUnavailableException(Kind.MALFORMED_RESPONSE,
                    "The wiki's answer to the OAuth 2.0 " + step + " step has no bearer access_token", null);
        }
        JsonNode expiresIn = body.get("expires_in");
        Instant expiresAt = expiresIn != null && expiresIn.isNumber() && expiresIn.asLong() > 0
                ? sent.plusSeconds(expiresIn.asLong()) : Instant.MAX;
        String refreshToken = text(body, "refresh_token");
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
                claims.put(e.getKey(), WikiErrors.JSON.treeToValue(e.getValue(), Object.class));
            }
        }
        return new MediaWikiIdentity(sub.asString(), text(body, "username"), strings(body, "groups"),
                strings(body, "rights"), strings(body, "grants"), body.path("editcount").asLong(0),
                body.path("blocked").asBoolean(false), body.path("confirmed_email").asBoolean(false),
                IdentityVerifier.registered(text(body, "registered")), text(body, "realname"), text(body, "email"),
                claims);
    }

    /** The JSON object of a 2xx answer; a 4xx with an OAuth 2.0 error body is the wiki's refusal. */
    private static JsonNode requireSuccess(String step, WikiResponse response) {
        JsonNode body = json(response);
        JsonNode error = body == null ? null : body.get("error");
        if (error != null && error.isString() && (response.isSuccess()
                || response.status() >= 400 && response.status() < 500)) {
            String description = text(body, "error_description");
            throw new OAuth2Exception(step, error.asString(), description != null ? description : text(body, "message"),
                    text(body, "hint"), response.status());
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

    /** The body as JSON; {@code null} when it is not JSON. */
    static @Nullable JsonNode json(WikiResponse response) {
        try {
            return WikiErrors.JSON.readTree(response.body());
        } catch (JacksonException e) {
            return null;
        }
    }

    private static @Nullable String text(JsonNode body, String name) {
        JsonNode v = body.get(name);
        return v != null && v.isString() ? v.asString() : null;
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
    static String s256(String verifier) {
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

    /** Settings: the wiki and client id are required; the rest have defaults. Not thread-safe; build once. */
    public static final class Builder {
        private @Nullable MediaWikiEndpoints endpoints;
        private @Nullable String clientId;
        private @Nullable String clientSecret;
        private List<String> scopes = List.of();
        private @Nullable String userAgent;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration timeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private WebClient.Builder webClientBuilder = WebClient.builder();

        private Builder() {
        }

        /** The wiki's script path, e.g. {@code https://meta.wikimedia.org/w}. */
        public Builder wiki(String scriptPath) {
            return endpoints(MediaWikiEndpoints.of(scriptPath));
        }

        public Builder endpoints(MediaWikiEndpoints value) {
            this.endpoints = Objects.requireNonNull(value, "endpoints cannot be null");
            return this;
        }

        public Builder clientId(String value) {
            Objects.requireNonNull(value, "clientId cannot be null");
            if (value.isBlank()) {
                throw new IllegalArgumentException("clientId cannot be blank");
            }
            this.clientId = value;
            return this;
        }

        /** The secret of a confidential client; leave unset for a public client. */
        public Builder clientSecret(@Nullable String value) {
            this.clientSecret = value == null || value.isEmpty() ? null : value;
            return this;
        }

        /** The scopes (grants) to ask for; none asks for every grant of the client. */
        public Builder scopes(String... values) {
            this.scopes = List.of(values);
            return this;
        }

        /** The application's part of the User-Agent, {@code <client>/<version> (<contact>)}. */
        public Builder userAgent(String value) {
            this.userAgent = Objects.requireNonNull(value, "userAgent cannot be null");
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = positive(value, "timeout");
            return this;
        }

        /** The clock that turns {@code expires_in} into {@link OAuth2Tokens#expiresAt()}. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock cannot be null");
            return this;
        }

        /** The application's {@link WebClient.Builder} (for its filters and observations); it is cloned. */
        public Builder webClientBuilder(WebClient.Builder value) {
            this.webClientBuilder = Objects.requireNonNull(value, "webClientBuilder cannot be null");
            return this;
        }

        public OAuth2Handshake build() {
            MediaWikiEndpoints e = endpoints;
            String id = clientId;
            if (e == null) {
                throw new IllegalArgumentException("wiki (or endpoints) is required");
            }
            if (id == null) {
                throw new IllegalArgumentException("clientId is required");
            }
            return new OAuth2Handshake(this, e, id);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what + " cannot be null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }
    }
}
