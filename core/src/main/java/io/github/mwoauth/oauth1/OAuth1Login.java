package io.github.mwoauth.oauth1;

import io.github.mwoauth.HandshakeException;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Logging in with OAuth 1.0a: initiate (a request token), the wiki's authorize page, the callback with
 * {@code oauth_token} and {@code oauth_verifier}, the token exchange and identify; requests signed per RFC 5849.
 * Access tokens stay valid until the user revokes the grant, so nothing is ever refreshed.
 *
 * <pre>{@code
 * MediaWikiLogin login = OAuth1Login.builder().wiki("https://meta.wikimedia.org/w")
 *         .consumer(key, secret).userAgent("MyTool/1.0 (me@example.org)").build();
 * }</pre>
 */
public final class OAuth1Login implements MediaWikiLogin {

    private final ConsumerCredentials consumer;
    private final OAuth1Signer signer;
    private final OAuth1Handshake handshake;
    private final @Nullable String callbackUrl;

    private OAuth1Login(ConsumerCredentials consumer, OAuth1Signer signer, OAuth1Handshake handshake,
            @Nullable String callbackUrl) {
        this.consumer = consumer;
        this.signer = signer;
        this.handshake = handshake;
        this.callbackUrl = callbackUrl;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The handshake steps one by one, for flows of one's own. */
    public OAuth1Handshake handshake() {
        return handshake;
    }

    @Override
    public MediaWikiEndpoints endpoints() {
        return handshake.endpoints();
    }

    @Override
    public String callbackKeyParameter() {
        return "oauth_token";
    }

    @Override
    public Mono<LoginRedirect> start() {
        return callbackUrl == null ? handshake.initiate() : handshake.initiate(callbackUrl);
    }

    @Override
    public Mono<AuthorizedUser> complete(PendingLogin pending, Map<String, String> callback) {
        RequestToken requestToken = new RequestToken(pending.key(), pending.secret());
        return handshake.complete(requestToken, callback.getOrDefault("oauth_token", ""),
                        callback.getOrDefault("oauth_verifier", ""))
                .flatMap(token -> handshake.identify(token).map(identity -> new AuthorizedUser(token, identity)));
    }

    @Override
    public String authorization(UserCredentials credentials, String method, URI uri, List<Parameter> form) {
        AccessToken token = accessToken(credentials);
        return signer.sign(method, uri, form, new OAuth1Credentials(consumer.key(), consumer.secret(), token.key(),
                token.secret()), List.of()).authorizationHeader();
    }

    @Override
    public <T> Mono<T> authorized(UserCredentials credentials, TokenStore store,
            Function<UserCredentials, Mono<T>> work) {
        return work.apply(accessToken(credentials));
    }

    /** Identify; a grant the wiki no longer knows (revoked, or the consumer disabled) clears {@code store}. */
    @Override
    public Mono<MediaWikiIdentity> identify(UserCredentials credentials, TokenStore store) {
        return handshake.identify(accessToken(credentials))
                .onErrorResume(HandshakeException.class, e -> isGrantGone(e)
                        ? store.clear().then(Mono.empty())
                        : Mono.error(e));
    }

    private static boolean isGrantGone(HandshakeException e) {
        return "mwoauthdatastore-access-token-not-found".equals(e.messageKey())
                || e.wikiMessage().contains("No approved grant was found");
    }

    /** The access token's key, which is public; never its secret. */
    @Override
    public String userKey(UserCredentials credentials) {
        return accessToken(credentials).key();
    }

    /** {@code <token key> <token secret>}: MediaWiki's tokens are hex, so neither holds a space. */
    @Override
    public String writeCredentials(UserCredentials credentials) {
        AccessToken token = accessToken(credentials);
        return token.key() + ' ' + token.secret();
    }

    @Override
    public Optional<UserCredentials> readCredentials(String text) {
        int space = text.indexOf(' ');
        if (space <= 0 || space != text.lastIndexOf(' ') || space == text.length() - 1 || text.indexOf('\n') >= 0) {
            return Optional.empty();
        }
        return Optional.of(new AccessToken(text.substring(0, space), text.substring(space + 1)));
    }

    private static AccessToken accessToken(UserCredentials credentials) {
        if (credentials instanceof AccessToken token) {
            return token;
        }
        throw new IllegalArgumentException("an OAuth 1.0a login cannot use " + credentials);
    }

    @Override
    public String toString() {
        return "OAuth1Login[consumer=" + consumer.key() + "]";
    }

    /** Settings: the wiki and the consumer are required. */
    public static final class Builder extends LoginBuilder<Builder> {

        private @Nullable ConsumerCredentials consumer;
        private @Nullable String callbackUrl;
        private Duration identityClockSkew = IdentityVerifier.DEFAULT_CLOCK_SKEW;

        private Builder() {
        }

        public Builder consumer(String key, String secret) {
            return consumer(new ConsumerCredentials(key, secret));
        }

        public Builder consumer(ConsumerCredentials value) {
            this.consumer = Objects.requireNonNull(value, "consumer cannot be null");
            return this;
        }

        /**
         * The absolute callback URL sent at initiate, for consumers registered with "callback is prefix";
         * {@code null} (the default) sends {@code oob} and the wiki uses the registered callback.
         */
        public Builder callbackUrl(@Nullable String value) {
            this.callbackUrl = value == null || value.isEmpty() ? null : value;
            return this;
        }

        /** How far the identity JWT's {@code iat} and {@code exp} may be off (default 10 s). */
        public Builder identityClockSkew(Duration value) {
            Objects.requireNonNull(value, "identityClockSkew cannot be null");
            if (value.isNegative()) {
                throw new IllegalArgumentException("identityClockSkew cannot be negative");
            }
            this.identityClockSkew = value;
            return this;
        }

        public OAuth1Login build() {
            ConsumerCredentials c = consumer;
            if (c == null) {
                throw new IllegalArgumentException("consumer(key, secret) is required");
            }
            MediaWikiEndpoints endpoints = endpoints();
            OAuth1Signer signer = new OAuth1Signer(clock());
            OAuth1Handshake handshake = new OAuth1Handshake(endpoints, c, signer, http(),
                    new IdentityVerifier(c, endpoints.server(), identityClockSkew, clock()), observations());
            return new OAuth1Login(c, signer, handshake, callbackUrl);
        }
    }
}
