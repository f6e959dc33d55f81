package io.github.mwoauth.testkit;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.mwoauth.MediaWikiEndpoints;
import io.github.mwoauth.oauth1.AccessToken;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * An emulated MediaWiki wiki with Extension:OAuth (OAuth 1.0a and 2.0), served over HTTP on 127.0.0.1 by Reactor Netty. It
 * answers as a real wiki (MediaWiki 1.39, Extension:OAuth) does on the wire: the
 * Special:OAuth handshake and identify, the consent pages, the OAuth 2.0 endpoints of rest.php, and a slice of
 * api.php; and offers test controls (approve, deny, revoke, expire) and fault injection. Request handling never blocks; injected latency uses
 * {@code Mono.delay}. Where Extension:OAuth versions differ it behaves as {@link WikiProfile#REL1_39} unless the
 * builder names another {@link WikiProfile}.
 *
 * <pre>{@code
 * try (LocalWiki wiki = LocalWiki.start()) {
 *     wiki.registerUser("Alice");
 *     Consumer tool = wiki.registerConsumer(ConsumerRegistration.prefix("Example Tool", callback));
 *     ...
 * }
 * }</pre>
 */
public final class LocalWiki implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalWiki.class);

    private final WikiState state;
    private final FaultTable faults = new FaultTable();
    private final Map<Endpoint, AtomicLong> counts = new EnumMap<>(Endpoint.class);
    private final JsonMapper json = JsonMapper.builder().build();
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile @Nullable DisposableServer disposable;
    private volatile String server = "http://127.0.0.1";
    private volatile @Nullable WikiRouter router;
    private volatile WikiProfile profile = WikiProfile.REL1_39;
    private final WikiServing serving;

    private LocalWiki(Clock clock) {
        this.state = new WikiState(clock);
        for (Endpoint e : Endpoint.values()) {
            counts.put(e, new AtomicLong());
        }
        this.serving = new WikiServing(faults, counts, () -> router);
    }

    /** Starts a wiki on 127.0.0.1 on a random free port with the system clock. */
    public static LocalWiki start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings for a wiki to start: port, clock, the profile and the refresh-token lifetime. */
    public static final class Builder {
        private int port;
        private Clock clock = Clock.systemUTC();
        private WikiProfile profile = WikiProfile.REL1_39;
        private @Nullable Duration refreshTokenLifetime;
        private boolean gzip;

        private Builder() {
        }

        /** The port to bind on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("not a port: " + value);
            }
            this.port = value;
            return this;
        }

        /** The clock for timestamps, token lifetimes and the JWT; tests pass a {@link MutableClock}. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock cannot be null");
            return this;
        }

        /** The Extension:OAuth version to behave as; {@link WikiProfile#REL1_39} by default. */
        public Builder profile(WikiProfile value) {
            this.profile = Objects.requireNonNull(value, "profile cannot be null");
            return this;
        }

        /**
         * {@code $wgOAuth2RefreshTokenTTL}: how long OAuth 2.0 refresh tokens live; the profile's by default (a
         * month). {@link WikiProfile#REL1_39_SHIPPED_REFRESH_TOKEN_LIFETIME} is REL1_39 as shipped.
         */
        public Builder refreshTokenLifetime(Duration value) {
            Objects.requireNonNull(value, "refreshTokenLifetime cannot be null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("refreshTokenLifetime must be positive: " + value);
            }
            this.refreshTokenLifetime = value;
            return this;
        }

        /**
         * Whether answers are gzip-compressed for clients that send {@code Accept-Encoding: gzip}, as a production
         * web server in front of a wiki does (default off: bodies as they are).
         */
        public Builder gzip(boolean value) {
            this.gzip = value;
            return this;
        }

        public Config build() {
            return new Config(port, clock, profile,
                    refreshTokenLifetime != null ? refreshTokenLifetime : profile.refreshTokenLifetime(), gzip);
        }

        /** Same as {@code build().start()}. */
        public LocalWiki start() {
            return build().start();
        }
    }

    /**
     * Immutable start settings.
     *
     * @param port the port on 127.0.0.1, 0 for a free one
     * @param clock the wiki's clock
     * @param profile the Extension:OAuth version to behave as
     * @param refreshTokenLifetime how long OAuth 2.0 refresh tokens live
     * @param gzip whether answers are gzip-compressed for clients that ask for it
     */
    public record Config(int port, Clock clock, WikiProfile profile, Duration refreshTokenLifetime, boolean gzip) {

        public Config {
            Objects.requireNonNull(clock, "clock cannot be null");
            Objects.requireNonNull(profile, "profile cannot be null");
            Objects.requireNonNull(refreshTokenLifetime, "refreshTokenLifetime cannot be null");
        }

        /** Binds the server (waits up to 10 s for the bind) and answers the running wiki. */
        public LocalWiki start() {
            LocalWiki wiki = new LocalWiki(clock);
            // the channel group lets close() end keep-alive connections too, not only the listening socket
            DisposableServer bound = HttpServer.create().host("127.0.0.1").port(port).channelGroup(wiki.channels)
                    .compress(gzip).handle(wiki.serving::serve).bindNow(Duration.ofSeconds(10));
            wiki.attach(bound, this);
            return wiki;
        }
    }

    private void attach(DisposableServer bound, Config config) {
        this.server = "http://127.0.0.1:" + bound.port();
        this.profile = config.profile();
        this.router = new WikiRouter(state, server, json, faults,
                new OAuth2Server(state, server, json, config.profile(), config.refreshTokenLifetime()));
        this.disposable = bound;
        log.debug("LocalWiki listening on {}", server);
    }

    // ---- addresses

    /** {@code http://127.0.0.1:PORT}, the {@code $wgServer} that signatures and the JWT {@code iss} use. */
    public String server() {
        return server;
    }

    /** {@code http://127.0.0.1:PORT/w}. */
    public String scriptPath() {
        return server + "/w";
    }

    /** {@code http://127.0.0.1:PORT/w/index.php}. */
    public String indexUrl() {
        return scriptPath() + "/index.php";
    }

    /** {@code http://127.0.0.1:PORT/w/api.php}. */
    public String apiUrl() {
        return scriptPath() + "/api.php";
    }

    /** The endpoints as the client library configures them. */
    public MediaWikiEndpoints endpoints() {
        return MediaWikiEndpoints.of(scriptPath());
    }

    public int port() {
        DisposableServer d = disposable;
        return d == null ? 0 : d.port();
    }

    public Clock clock() {
        return state.clock;
    }

    /** The Extension:OAuth version this wiki behaves as. */
    public WikiProfile profile() {
        return profile;
    }

    // ---- registration

    /** Registers a user with MediaWiki-like defaults. */
    public WikiUser registerUser(String name) {
        return registerUser(WikiUser.named(name).build());
    }

    /** Registers a user; id 0 and a null registration time are filled in. */
    public WikiUser registerUser(WikiUser user) {
        return state.registerUser(user);
    }

    /** The user as they are now (edit count and contributions include edits made through api.php). */
    public WikiUser user(String name) {
        return state.requireUser(name).snapshot();
    }

    public Consumer registerConsumer(ConsumerRegistration registration) {
        return state.registerConsumer(registration);
    }

    public Consumer registerPrefixConsumer(String name, String callback) {
        return registerConsumer(ConsumerRegistration.prefix(name, callback));
    }

    public Consumer registerOobConsumer(String name, String callback) {
        return registerConsumer(ConsumerRegistration.oob(name, callback));
    }

    public Consumer registerIdentityOnlyConsumer(String name, String callback) {
        return registerConsumer(ConsumerRegistration.identityOnly(name, callback));
    }

    /** An owner-only consumer: {@link Consumer#ownerToken()} / {@link Consumer#ownerSecret()} sign api.php. */
    public Consumer registerOwnerOnlyConsumer(String name, String owner) {
        return registerConsumer(ConsumerRegistration.ownerOnly(name, owner));
    }

    // ---- OAuth 2.0 registration

    /** Registers an OAuth 2.0 client; an owner-only one gets its access token now. */
    public OAuth2Client registerOAuth2Client(OAuth2ClientRegistration registration) {
        return requireRouter().oauth2().register(registration);
    }

    /** A confidential OAuth 2.0 client (with a secret) whose registered redirect URI is {@code redirectUri}. */
    public OAuth2Client registerConfidentialClient(String name, String redirectUri) {
        return registerOAuth2Client(OAuth2ClientRegistration.confidential(name, redirectUri));
    }

    /** A public OAuth 2.0 client: PKCE mandatory; its secret (it has one) is needed only to refresh. */
    public OAuth2Client registerPublicClient(String name, String redirectUri) {
        return registerOAuth2Client(OAuth2ClientRegistration.publicClient(name, redirectUri));
    }

    /** An owner-only OAuth 2.0 client: {@link OAuth2Client#ownerAccessToken()} is a bearer token for api.php. */
    public OAuth2Client registerOwnerOnlyClient(String name, String owner) {
        return registerOAuth2Client(OAuth2ClientRegistration.ownerOnly(name, owner));
    }

    /** The public half of the key that signs OAuth 2.0 access tokens (RS256), generated at start. */
    public RSAKey oauth2SigningKey() {
        return requireRouter().oauth2().publicKey();
    }

    /** Creates or replaces a page. */
    public void createPage(String title, String text) {
        state.putPage(title, text);
    }

    /** The current text of a page, or {@code null} if it does not exist. */
    public @Nullable String pageText(String title) {
        WikiState.Page page = state.page(title);
        return page == null ? null : page.text();
    }

    // ---- the browser's user

    /** Makes {@code user} the logged-in user of every browser (unless a request names another). */
    public void signInAs(String user) {
        state.signIn(user);
    }

    /** No default user: consent pages redirect to Special:UserLogin unless {@code as=} or the cookie names one. */
    public void signOut() {
        state.signIn(null);
    }

    // ---- test controls

    /**
     * {@code user} allows the request token, as the Allow button does: the grant is saved now and the request
     * token lives another 600 s. Throws {@link IllegalArgumentException} for an unknown, expired or already
     * exchanged request token or an unknown user.
     */
    public Approval approve(String requestToken, String user) {
        WikiState.RequestToken token = state.requestToken(requestToken);
        if (token == null) {
            throw new IllegalArgumentException("no such request token (unknown or expired): " + requestToken);
        }
        String name = state.requireUser(user).base.name();
        try {
            return state.approve(token, name);
        } catch (OAuthProblem used) {
            throw new IllegalArgumentException("request token already exchanged: " + requestToken);
        }
    }

    /**
     * The user presses Cancel. As on a real wiki nothing is recorded and the consumer is never told: the
     * request token stays valid. Throws {@link IllegalArgumentException} for an unknown request token.
     */
    public void deny(String requestToken) {
        if (state.requestToken(requestToken) == null) {
            throw new IllegalArgumentException("no such request token (unknown or expired): " + requestToken);
        }
    }

    /** Grants {@code consumer} access to {@code user}'s account without a handshake; the access token. */
    public AccessToken authorize(String user, Consumer consumer) {
        WikiState.Acceptance a = state.acceptanceFor(state.requireUser(user).base.name(), consumer.key());
        return new AccessToken(a.token(), a.secret());
    }

    /** Revokes the user's grant to the consumer; {@code false} when there was none. */
    public boolean revoke(String user, Consumer consumer) {
        return state.revoke(user, consumer.key());
    }

    /**
     * {@code user} allows the OAuth 2.0 authorization request at {@code authorizeUrl} (a
     * {@code rest.php/oauth2/authorize?...} URL), as the consent page's Allow button does; the code and the URL
     * the browser is sent to. Throws {@link IllegalArgumentException} when the wiki would refuse the request
     * (unknown client, redirect URI, PKCE, scope) or the user is unknown.
     */
    public AuthorizationCodeGrant approveOAuth2(URI authorizeUrl, String user) {
        return requireRouter().oauth2().approve(authorizeUrl, user);
    }

    /**
     * The user presses Cancel on the OAuth 2.0 consent page: the URL the browser is sent to,
     * {@code rest.php/oauth2/authorize?approval_cancel=1&...}, which answers the "Application Connection Error"
     * page. As on a real wiki the application is never called back.
     */
    public String denyOAuth2(URI authorizeUrl) {
        return requireRouter().oauth2().deny(authorizeUrl);
    }

    /** Every live OAuth 2.0 access token of {@code user} expires now (refresh tokens stay); answers how many. */
    public int expireOAuth2AccessTokens(String user) {
        return requireRouter().oauth2().expireAccessTokens(user);
    }

    /** Revokes the user's OAuth 2.0 access and refresh tokens of the client; {@code false} when there were none. */
    public boolean revokeOAuth2(String user, OAuth2Client client) {
        return requireRouter().oauth2().revoke(user, client);
    }

    /**
     * Wikimedia edge mode (on with {@link WikiProfile#WIKIMEDIA_PRODUCTION}, else off): api.php answers an expired OAuth 2.0 access token with HTTP 401 and
     * {@code WWW-Authenticate: Bearer error="invalid_token", ...} (the error body stays), as Wikimedia
     * production does, instead of the plain wiki's HTTP 200 {@code mwoauth-invalid-authorization}.
     */
    public void wikimediaEdge(boolean on) {
        requireRouter().oauth2().wikimediaEdge(on);
    }

    /** The upload settings: the wiki's limits and PHP's, changeable while the wiki runs. */
    public UploadLimits uploadLimits() {
        return requireRouter().uploads().limits();
    }

    /** Fault injection for the given endpoints, or for all of them when none are given. */
    public Faults faults(Endpoint... scope) {
        EnumSet<Endpoint> set = scope.length == 0 ? EnumSet.allOf(Endpoint.class) : EnumSet.copyOf(List.of(scope));
        return new Faults(faults, set);
    }

    /** Removes every fault. */
    public void clearFaults() {
        faults.clear();
    }

    /** Removes every fault and zeroes the request counts; registrations, tokens and grants stay. */
    public void reset() {
        clearFaults();
        counts.values().forEach(c -> c.set(0));
    }

    /** Requests received for an endpoint kind since start or {@link #reset()}, faulted ones included. */
    public long requestCount(Endpoint endpoint) {
        return counts.get(endpoint).get();
    }

    /** Requests received in total. */
    public long requestCount() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Stops the server and closes its open connections (waits up to 5 s for each). */
    @Override
    public void close() {
        DisposableServer d = disposable;
        if (d != null) {
            disposable = null;
            d.disposeNow(Duration.ofSeconds(5));
            channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return "LocalWiki[" + server + "]";
    }

    private WikiRouter requireRouter() {
        WikiRouter wiki = router;
        if (wiki == null) {
            throw new IllegalStateException("the wiki is not started");
        }
        return wiki;
    }
}
