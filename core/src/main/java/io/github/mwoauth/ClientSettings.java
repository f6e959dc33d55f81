package io.github.mwoauth;

import io.github.mwoauth.http.TryLaterRetry;
import io.github.mwoauth.http.WikiHttp;
import io.github.mwoauth.login.LoginBuilder;
import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.login.TokenStore;
import io.github.mwoauth.oauth1.ConsumerCredentials;
import io.github.mwoauth.oauth1.IdentityVerifier;
import io.github.mwoauth.oauth1.OAuth1Login;
import io.github.mwoauth.oauth2.ClientCredentialsTokenStore;
import io.github.mwoauth.oauth2.OAuth2Login;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The settings of a {@link ReactiveMediaWikiClient.Builder}: copied on every change, never changed once a builder or
 * client holds them; read once when a client is built. Also the wiring of both login protocols for the builder's
 * convenience settings.
 */
final class ClientSettings implements Cloneable {
    @Nullable MediaWikiEndpoints endpoints;
    @Nullable MediaWikiLogin login;
    @Nullable ConsumerCredentials consumer;
    @Nullable String oauth2ClientId;
    @Nullable String oauth2ClientSecret;
    List<String> oauth2Scopes = List.of();
    boolean oauth2Bearer;
    boolean oauth2ClientCredentials;
    TokenStore tokenStore = TokenStore.none();
    @Nullable String userAgent;
    Duration connectTimeout = WikiHttp.DEFAULT_CONNECT_TIMEOUT;
    Duration timeout = WikiHttp.DEFAULT_TIMEOUT;
    Duration identityClockSkew = IdentityVerifier.DEFAULT_CLOCK_SKEW;
    Clock clock = Clock.systemUTC();
    WebClient.@Nullable Builder webClientBuilder;
    int multipartThreshold = ReactiveMediaWikiClient.DEFAULT_MULTIPART_THRESHOLD;
    int maxResponseBytes = WikiHttp.DEFAULT_MAX_RESPONSE_BYTES;
    @Nullable Integer maxConnections;
    int maxRetries = TryLaterRetry.DEFAULT_MAX_RETRIES;
    Duration retryBackoff = TryLaterRetry.DEFAULT_BACKOFF;
    @Nullable WikiAllowList allowedWikis;
    Duration maxRetryDelay = TryLaterRetry.DEFAULT_MAX_DELAY;
    @Nullable Integer maxlag;
    boolean formatVersion2;
    boolean readQueriesWithGet;
    ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

    ClientSettings copy() {
        try {
            return (ClientSettings) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /** The same settings acting for the users of {@code store}. */
    ClientSettings withTokenStore(TokenStore store) {
        ClientSettings copy = copy();
        copy.tokenStore = store;
        return copy;
    }

    /** The store that was set, or for the {@code client_credentials} grant one fetching the owner's tokens. */
    TokenStore tokenStore(MediaWikiLogin login) {
        return oauth2ClientCredentials && login instanceof OAuth2Login oauth2
                ? new ClientCredentialsTokenStore(oauth2.handshake(), clock) : tokenStore;
    }

    static void notNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " cannot be negative");
        }
    }

    static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
    }

    static void notNegative(Duration value, String name) {
        Objects.requireNonNull(value, name + " cannot be null");
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " cannot be negative");
        }
    }

    /** The wiki that was set, else the login's. */
    MediaWikiEndpoints endpoints(MediaWikiLogin login) {
        MediaWikiEndpoints wiki = endpoints;
        return wiki != null ? wiki : login.endpoints();
    }

    /** The wikis a client may sign for: the login wiki, and the allowed ones that were set. */
    WikiAllowList allowedWikis(MediaWikiEndpoints loginWiki) {
        WikiAllowList own = WikiAllowList.origins(loginWiki.server());
        WikiAllowList more = allowedWikis;
        return more == null ? own : own.or(more);
    }

    /** The login that was set, or the one the convenience settings describe (the wiring of both protocols). */
    MediaWikiLogin login() {
        MediaWikiLogin given = login;
        ConsumerCredentials c = consumer;
        String clientId = oauth2ClientId;
        int kinds = (given != null ? 1 : 0) + (c != null ? 1 : 0) + (clientId != null ? 1 : 0);
        if (kinds > 1) {
            throw new IllegalArgumentException("set one kind of login: login(...), consumer(key, secret) "
                    + "(OAuth 1.0a) or oauth2Client(id, secret) (OAuth 2.0)");
        }
        if (given != null) {
            return given;
        }
        if (c != null) {
            return connected(OAuth1Login.builder()).consumer(c).identityClockSkew(identityClockSkew).build();
        }
        if (clientId != null) {
            return connected(OAuth2Login.builder()).clientId(clientId).clientSecret(oauth2ClientSecret)
                    .scopes(oauth2Scopes.toArray(String[]::new)).build();
        }
        if (oauth2Bearer) {
            return connected(OAuth2Login.builder()).build();
        }
        throw new NullPointerException("consumer (OAuth 1.0a) or oauth2Client (OAuth 2.0) must be set, unless "
                + "the client acts with an owner-only OAuth 2.0 access token");
    }

    private <B extends LoginBuilder<B>> B connected(B builder) {
        builder.endpoints(Objects.requireNonNull(endpoints, "wiki (or endpoints) must be set"))
                .userAgent(userAgent).connectTimeout(connectTimeout).timeout(timeout).clock(clock)
                .observationRegistry(observationRegistry).maxResponseBytes(maxResponseBytes);
        WebClient.Builder webClient = webClientBuilder;
        return webClient == null ? builder : builder.webClientBuilder(webClient);
    }
}
