package io.github.mwoauth.oauth2;

import io.github.mwoauth.IncompleteCallbackException;
import io.github.mwoauth.InvalidAuthorizationException;
import io.github.mwoauth.LoginDeniedException;
import io.github.mwoauth.LoginRequiredException;
import io.github.mwoauth.MediaWikiEndpoints;
import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.login.AuthorizedUser;
import io.github.mwoauth.login.LoginBuilder;
import io.github.mwoauth.login.LoginRedirect;
import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.login.PendingLogin;
import io.github.mwoauth.login.TokenStore;
import io.github.mwoauth.login.UserCredentials;
import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Logging in with OAuth 2.0: the authorization code grant with {@code state} and PKCE S256 (for confidential
 * clients too), the callback with {@code state} and {@code code} (or {@code error}), the code exchange and the
 * profile; requests carry {@code Authorization: Bearer}. An owner-only access token needs no client id: such a
 * login only reads the profile.
 *
 * <p>Tokens with a refresh token are refreshed once when they have expired, or (confidential clients) expire within
 * {@link #TOKEN_EXPIRY_SKEW} (known before sending), or when the wiki says the access token is invalid; the
 * request is then sent again. A refresh the wiki refuses before the access token has expired leaves that token in
 * use until it does; a public client (no secret), which a REL1_39 wiki never lets refresh, is refreshed only once
 * its token has expired, so its user is sent to log in again then and not earlier. Concurrent requests holding the same tokens share one refresh, and its result answers
 * for the old tokens for another 60 s. The wiki's refresh tokens are single use, so when it refuses a refresh the
 * store is read again, at once and after 0.1, 0.2, 0.4 and 0.8 s: another application instance sharing the
 * session may have refreshed first, and its tokens are taken. Only when none appear are the refused tokens
 * cleared from the store and the call fails with {@link LoginRequiredException}.
 *
 * <pre>{@code
 * MediaWikiLogin login = OAuth2Login.builder().wiki("https://meta.wikimedia.org/w")
 *         .clientId(id).clientSecret(secret).userAgent("MyTool/1.0 (me@example.org)").build();
 * }</pre>
 */
public final class OAuth2Login implements MediaWikiLogin {

    /** Access tokens that expire within this long are refreshed before sending. */
    public static final Duration TOKEN_EXPIRY_SKEW = Duration.ofSeconds(30);

    /** The waits before each reading of the store again after a refused refresh (1.5 s in all). */
    private static final List<Duration> RELOAD_DELAYS = List.of(Duration.ZERO, Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));

    /** The most completed refreshes remembered for the requests still holding the tokens they replaced. */
    private static final int RECENT_REFRESHES = 10_000;

    private static final Logger log = LoggerFactory.getLogger(OAuth2Login.class);

    private final OAuth2Handshake handshake;
    private final TokenRefreshes refreshes;
    private final Clock clock;
    private final boolean hasClient;
    private final boolean confidential;

    private OAuth2Login(OAuth2Handshake handshake, Clock clock, boolean hasClient, boolean confidential) {
        this.handshake = handshake;
        this.clock = clock;
        this.refreshes = new TokenRefreshes(RECENT_REFRESHES, clock);
        this.hasClient = hasClient;
        this.confidential = confidential;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The grant's steps one by one, for flows of one's own. */
    public OAuth2Handshake handshake() {
        return handshake;
    }

    @Override
    public MediaWikiEndpoints endpoints() {
        return handshake.endpoints();
    }

    @Override
    public String callbackKeyParameter() {
        return "state";
    }

    @Override
    public Mono<LoginRedirect> start() {
        return handshake.authorize();
    }

    /** {@code error} (the user pressed Cancel) fails first, then a missing {@code code}; nothing is sent then. */
    @Override
    public Mono<AuthorizedUser> complete(PendingLogin pending, Map<String, String> callback) {
        String error = callback.get("error");
        if (error != null) {
            return Mono.error(new LoginDeniedException(error));
        }
        String code = callback.getOrDefault("code", "");
        if (code.isEmpty()) {
            return Mono.error(new IncompleteCallbackException("code"));
        }
        return handshake.exchange(pending, callback.get("state"), code)
                .flatMap(tokens -> handshake.profile(tokens).map(identity -> new AuthorizedUser(tokens, identity)));
    }

    @Override
    public String authorization(UserCredentials credentials, String method, URI uri, List<Parameter> form) {
        return tokens(credentials).authorizationHeader();
    }

    @Override
    public <T> Mono<T> authorized(UserCredentials credentials, TokenStore store,
            Function<UserCredentials, Mono<T>> work) {
        OAuth2Tokens tokens = tokens(credentials);
        if (store instanceof ClientCredentialsTokenStore bot) {
            // no refresh token: a token the wiki refuses is fetched again, once
            return work.apply(tokens).onErrorResume(OAuth2Login::isInvalidBearer, e -> bot.clearCredentials(tokens)
                    .then(bot.load()).flatMap(renewed -> work.apply(renewed.credentials())));
        }
        return usable(tokens, store)
                .flatMap(usable -> work.apply(usable)
                        .onErrorResume(e -> isInvalidBearer(e) && refreshable(usable), e -> refreshed(usable, store)
                                .flatMap(retry -> work.apply(retry)
                                        .onErrorResume(OAuth2Login::isInvalidBearer, again -> store
                                                .clearCredentials(retry).then(Mono.error(new LoginRequiredException(
                                                        "The wiki still rejects the refreshed access token",
                                                        again)))))));
    }

    /**
     * The profile: expired tokens are refreshed first, rejected ones refreshed and asked once more; empty (the
     * store cleared) when the tokens are no good and cannot be refreshed.
     */
    @Override
    public Mono<MediaWikiIdentity> identify(UserCredentials credentials, TokenStore store) {
        OAuth2Tokens tokens = tokens(credentials);
        return usable(tokens, store)
                .flatMap(usable -> handshake.profile(usable)
                        .onErrorResume(e -> isRejectedBearer(e) && refreshable(usable),
                                e -> refreshed(usable, store).flatMap(handshake::profile)))
                .onErrorResume(OAuth2Login::isRejectedBearer, e -> store.clear().then(Mono.empty()))
                .onErrorResume(LoginRequiredException.class, e -> Mono.empty());
    }

    /** A digest of the access token; never the token itself. */
    @Override
    public String userKey(UserCredentials credentials) {
        return OAuth2Handshake.s256(tokens(credentials).accessToken());
    }

    /**
     * {@code <access token> <refresh token or -> <expiry, epoch seconds, or ->}. MediaWiki's tokens are JWTs and
     * hex, so neither a space nor a newline occurs in them.
     */
    @Override
    public String writeCredentials(UserCredentials credentials) {
        OAuth2Tokens tokens = tokens(credentials);
        String refresh = tokens.refreshToken();
        Instant expiresAt = tokens.expiresAt();
        return tokens.accessToken() + ' ' + (refresh == null ? "-" : refresh) + ' '
                + (expiresAt.equals(Instant.MAX) ? "-" : Long.toString(expiresAt.getEpochSecond()));
    }

    @Override
    public Optional<UserCredentials> readCredentials(String text) {
        String[] parts = text.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()
                || text.indexOf('\n') >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OAuth2Tokens(parts[0], parts[1].equals("-") ? null : parts[1],
                    parts[2].equals("-") ? Instant.MAX : Instant.ofEpochSecond(Long.parseLong(parts[2]))));
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The tokens to send: ones that have expired (or, for a confidential client, are about to) are refreshed first;
     * if the wiki refuses to refresh tokens that have not expired yet, they are sent as they are.
     */
    private Mono<OAuth2Tokens> usable(OAuth2Tokens tokens, TokenStore store) {
        if (!refreshable(tokens) || !tokens.isExpired(clock, confidential ? TOKEN_EXPIRY_SKEW : Duration.ZERO)) {
            return Mono.just(tokens);
        }
        if (tokens.isExpired(clock, Duration.ZERO)) {
            return refreshed(tokens, store);
        }
        return refreshAttempt(tokens, store).onErrorResume(OAuth2Exception.class, refused -> {
            log.info("The wiki refused to refresh OAuth 2.0 tokens before they expire ({}); the access token stays in "
                    + "use until {}", describe(refused), tokens.expiresAt());
            return Mono.just(tokens);
        });
    }

    private boolean refreshable(OAuth2Tokens tokens) {
        return hasClient && tokens.refreshToken() != null;
    }

    /** The wiki says an access token is invalid (expired, or gone), on the Action API. */
    private static boolean isInvalidBearer(Throwable e) {
        return e instanceof InvalidAuthorizationException invalid
                && invalid.reason() == InvalidAuthorizationException.Reason.INVALID_ACCESS_TOKEN;
    }

    /** The profile endpoint refused the bearer token (league's 401 {@code access_denied}). */
    private static boolean isRejectedBearer(Throwable e) {
        return e instanceof OAuth2Exception refused && refused.status() == 401;
    }

    /**
     * The tokens replacing {@code stale}, stored in {@code store}; one refresh for all concurrent callers with the
     * same tokens. When the wiki refuses the refresh, the store is read again (another instance may have used the
     * refresh token first) and its tokens are taken; only when none appear are the refused tokens cleared:
     * {@link LoginRequiredException}.
     */
    private Mono<OAuth2Tokens> refreshed(OAuth2Tokens stale, TokenStore store) {
        return refreshAttempt(stale, store).onErrorResume(OAuth2Exception.class, e -> {
            log.warn("The wiki refused to refresh the OAuth 2.0 tokens ({}); the user has to log in again{}",
                    describe(e), confidential || !"invalid_client".equals(e.error()) ? ""
                            : " (a public client cannot refresh without its client secret on this wiki)");
            return store.clearCredentials(stale).then(Mono.error(new LoginRequiredException(
                    "The wiki refused to refresh the OAuth 2.0 tokens (" + e.error() + "); log in again", e)));
        });
    }

    /**
     * One refresh for all concurrent callers with the same tokens, stored in {@code store}; a refusal the store
     * cannot answer (see {@link #storedInstead}) is the wiki's {@link OAuth2Exception}.
     */
    private Mono<OAuth2Tokens> refreshAttempt(OAuth2Tokens stale, TokenStore store) {
        // the refresh in flight is shared: the store is read again in the context of the caller that started it
        return Mono.deferContextual(context -> refreshes.refresh(stale, s -> handshake.refresh(s).onErrorResume(
                        OAuth2Exception.class, refused -> storedInstead(s, store).contextWrite(context)
                                .switchIfEmpty(Mono.error(refused)))))
                .flatMap(fresh -> store.replaceCredentials(stale, fresh).thenReturn(fresh));
    }

    /** The wiki's {@code error}, status and hint, for the log: no token, no secret. */
    private static String describe(OAuth2Exception refused) {
        String hint = refused.hint();
        return refused.error() + ", HTTP " + refused.status() + (hint == null ? "" : ": " + hint);
    }

    /**
     * Tokens the store holds in place of {@code stale}, read again after each of {@link #RELOAD_DELAYS}; empty
     * when it still holds {@code stale} after the last, or holds no user.
     */
    private static Mono<OAuth2Tokens> storedInstead(OAuth2Tokens stale, TokenStore store) {
        Optional<UserCredentials> unchanged = Optional.of(stale);
        return Flux.fromIterable(RELOAD_DELAYS)
                .concatMap(delay -> (delay.isZero() ? Mono.just(0L) : Mono.delay(delay))
                        .then(store.reload().map(user -> Optional.of(user.credentials()))
                                .defaultIfEmpty(Optional.empty())))
                .filter(stored -> !stored.equals(unchanged))
                .next()
                .flatMap(stored -> Mono.justOrEmpty(stored.filter(OAuth2Tokens.class::isInstance)
                        .map(OAuth2Tokens.class::cast)));
    }

    private static OAuth2Tokens tokens(UserCredentials credentials) {
        if (credentials instanceof OAuth2Tokens tokens) {
            return tokens;
        }
        throw new IllegalArgumentException("an OAuth 2.0 login cannot use " + credentials);
    }

    @Override
    public String toString() {
        return "OAuth2Login[" + handshake + "]";
    }

    /**
     * Settings: the wiki is required, and the client id for logins and refreshes (a handshake without one only
     * reads the profile of an owner-only access token). Not thread-safe; build once.
     */
    public static final class Builder extends LoginBuilder<Builder> {
        private @Nullable String clientId;
        private @Nullable String clientSecret;
        private List<String> scopes = List.of();
        private @Nullable String redirectUri;

        private Builder() {
        }

        /** The client ("client application key" at registration). */
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

        /**
         * The {@code redirect_uri} sent to both authorize and the code exchange, which must equal the registered
         * one; {@code null} (the default) sends it to neither and the wiki uses the registered one.
         */
        public Builder redirectUri(@Nullable String value) {
            this.redirectUri = value == null || value.isEmpty() ? null : value;
            return this;
        }

        public OAuth2Login build() {
            return new OAuth2Login(new OAuth2Handshake(endpoints(), clientId, clientSecret, scopes, redirectUri,
                    clock(), http(), observations()), clock(), clientId != null, clientSecret != null);
        }
    }
}
