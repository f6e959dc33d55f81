package io.github.mwoauth.demo;

import static io.github.mwoauth.webflux.security.test.MediaWikiSecurityMockServerConfigurers.mockMediaWikiUser;

import io.github.mwoauth.Freshness;
import io.github.mwoauth.LoginRequiredException;
import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.UploadRequest;
import io.github.mwoauth.UploadResult;
import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.oauth1.OAuth1Login;
import io.github.mwoauth.oauth2.OAuth2Login;
import io.github.mwoauth.testkit.Approval;
import io.github.mwoauth.testkit.AuthorizationCodeGrant;
import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.Endpoint;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.LocalWikiExtension;
import io.github.mwoauth.testkit.OAuth2Client;
import io.github.mwoauth.testkit.WikiProfile;
import io.github.mwoauth.testkit.redis.RedisClusterTopology;
import io.github.mwoauth.testkit.redis.RedisSentinelTopology;
import io.github.mwoauth.testkit.redis.RedisServerExtension;
import io.github.mwoauth.webflux.LoginApprover;
import io.github.mwoauth.webflux.LoginRefusedException;
import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.MediaWikiOAuthRoutes;
import io.github.mwoauth.webflux.MediaWikiSessionWebFilter;
import io.github.mwoauth.webflux.SessionAccess;
import io.github.mwoauth.webflux.SessionSealer;
import io.github.mwoauth.webflux.WebSessionCredentialsRepository;
import io.github.mwoauth.webflux.WebSessionPendingLoginRepository;
import io.github.mwoauth.webflux.WebSessionTokenStore;
import io.github.mwoauth.webflux.security.MediaWikiAuthoritiesMapper;
import io.github.mwoauth.webflux.security.MediaWikiSecurity;
import io.lettuce.core.ClientOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The Java code blocks of the project's Markdown files, verbatim, so that they compile with the build: a README
 * that no longer matches the API fails the build here. Each block sits between {@code // README: begin <file>}
 * and {@code // README: end}; {@link ReadmeSnippetsTests} checks that every Java block of every Markdown file is
 * one of them, and that each of them is still a block of its file. The parameters and fields around a block are
 * its free variables (a key, a port). Nothing here runs: the classes with test methods are abstract.
 */
@SuppressWarnings("unused")
final class ReadmeSnippets {

    private ReadmeSnippets() {
    }

    // README: begin README.md
    @Bean
    RouterFunction<ServerResponse> pages(ReactiveMediaWikiClient client) {
        return RouterFunctions.route()
                .GET("/", request -> client.currentUser(Freshness.CACHED)        // from the session; no call to the wiki
                        .map(user -> "Hello, " + user.displayName())
                        .defaultIfEmpty("Not logged in")
                        .flatMap(text -> ServerResponse.ok().bodyValue(text)))
                .GET("/edits", request -> client.currentUser(Freshness.CACHED)
                        .switchIfEmpty(Mono.error(() -> new LoginRequiredException("log in first")))  // → /login?next=/edits
                        .flatMap(user -> client.request(Map.of("action", "query", "list", "usercontribs",
                                "ucuser", user.displayName())))                   // signed as this user
                        .flatMap(json -> ServerResponse.ok().bodyValue(json)))
                .build();
    }
    // README: end

    void clientFromJava(String consumerKey, String consumerSecret, String accessToken, String accessSecret,
                        Map<String, String> query, String ownerOnlyAccessToken) {
        // README: begin README.md
        ReactiveMediaWikiClient bot = ReactiveMediaWikiClient.builder()
                .wiki("https://meta.wikimedia.org/w")
                .consumer(consumerKey, consumerSecret)
                .accessToken(accessToken, accessSecret)                 // an owner-only consumer: no web flow at all
                .userAgent("MyBot/1.0 (https://example.org/mybot; me@example.org)")
                .build();

        Mono<JsonNode> me = bot.request(Map.of("action", "query", "meta", "userinfo"));
        JsonNode page = bot.request(Map.of("action", "parse", "page", "Main Page"))
                .block(Duration.ofSeconds(30));                         // fine outside event-loop threads

        Flux<JsonNode> all = bot.requestContinued(Map.of("action", "query", "list", "allpages", "aplimit", "max"));
        all.take(3);                                                    // three answers, then no further request

        Mono<JsonNode> edit = bot.requestWithCsrfToken(Map.of("action", "edit", "title", "Sandbox",
                "appendtext", "Hello"));                                // token fetched once, refetched on badtoken

        Mono<JsonNode> other = bot.request(query, URI.create("https://en.wikipedia.org/w/api.php")); // if allowed

        Mono<UploadResult> upload = bot.uploads().upload(UploadRequest.of("Sunset.jpg", Path.of("sunset.jpg"))
                .comment("At the bay").text("[[Category:Sunsets]]"));     // chunked above 4 MiB, SHA-1 checked

        ReactiveMediaWikiClient bot2 = ReactiveMediaWikiClient.builder()  // an OAuth 2.0 owner-only client
                .wiki("https://meta.wikimedia.org/w")
                .oauth2AccessToken(ownerOnlyAccessToken)                // sent as a bearer token
                .userAgent("MyBot/1.0 (https://example.org/mybot; me@example.org)")
                .build();
        // README: end
    }

    abstract static class TestingWithLocalWiki {

        int port;

        // README: begin README.md
        @RegisterExtension
        static final LocalWikiExtension WIKI = LocalWikiExtension.create().withSetup(w -> w.registerUser("Alice"));

        @Test
        void laggedWikiThenRevokedGrant() {
            Consumer tool = WIKI.get().registerPrefixConsumer("My Tool", "http://127.0.0.1:" + port + "/oauth-callback");
            WIKI.get().faults(Endpoint.API).maxlag(7, 2);    // also ratelimited, latency, HTTP status, garbage, dropped connections
            WIKI.get().revoke("Alice", tool);
        }
        // README: end
    }

    void inAHandler(ReactiveMediaWikiClient client, String name) {
        // README: begin webflux/README.md
        client.currentUser(Freshness.CACHED);  // from the session, no call to the wiki; empty when logged out
        client.currentUser(Freshness.LIVE);    // asks the wiki; a revoked grant clears the session and completes empty
        client.request(Map.of("action", "query", "list", "usercontribs", "ucuser", name)); // signed as this user
        // README: end
    }

    void webfluxWithoutSpringBoot(String key, String consumerKey, String consumerSecret) {
        // README: begin webflux/README.md
        SessionSealer sealer = SessionSealer.fromBase64(key);
        MediaWikiLogin login = OAuth1Login.builder().wiki("https://meta.wikimedia.org/w")   // or OAuth2Login.builder()
                .consumer(consumerKey, consumerSecret).userAgent("MyTool/1.0 (me@example.org)").build();
        WebSessionCredentialsRepository users = new WebSessionCredentialsRepository(sealer, login, SessionAccess.defaults());
        ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder().login(login)
                .tokenStore(new WebSessionTokenStore(users)).userAgent("MyTool/1.0 (me@example.org)").build();
        RouterFunction<ServerResponse> routes = MediaWikiOAuthRoutes.create(login, users,
                new WebSessionPendingLoginRepository(sealer), MediaWikiOAuthOptions.builder().defaultNext("/home").build());
        WebFilter filter = new MediaWikiSessionWebFilter("/login");
        // README: end
    }

    // README: begin webflux/README.md
    @Bean
    LettuceClientOptionsBuilderCustomizer redisAnswersOffTheIoThread() {
        return options -> options.publishOnScheduler(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
    // README: end

    void oauth2WithoutSpringBoot(String key, String clientId, @Nullable String clientSecret) {
        // README: begin docs/OAUTH2.md
        SessionSealer sealer = SessionSealer.fromBase64(key);
        MediaWikiLogin login = OAuth2Login.builder().wiki("https://meta.wikimedia.org/w")
                .clientId(clientId).clientSecret(clientSecret)     // clientSecret null for a public client
                .redirectUri(null)                                 // or the registered callback URL, sent to both
                .userAgent("MyTool/1.0 (me@example.org)").build();
        WebSessionCredentialsRepository users = new WebSessionCredentialsRepository(sealer, login, SessionAccess.defaults());
        ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder().login(login)
                .tokenStore(new WebSessionTokenStore(users)).userAgent("MyTool/1.0 (me@example.org)").build();
        RouterFunction<ServerResponse> routes = MediaWikiOAuthRoutes.create(login, users,
                new WebSessionPendingLoginRepository(sealer), MediaWikiOAuthOptions.defaults());
        // README: end
    }

    void oauth2ClientCredentials(String clientId, String clientSecret) {
        // README: begin docs/OAUTH2.md
        ReactiveMediaWikiClient bot = ReactiveMediaWikiClient.builder().wiki("https://meta.wikimedia.org/w")
                .oauth2ClientCredentials(clientId, clientSecret)   // an owner-only client: tokens fetched and renewed
                .userAgent("MyBot/1.0 (me@example.org)").build();
        // README: end
    }

    void ownerOnlyConsumers(String consumerKey, String consumerSecret, String accessToken, String accessSecret,
                            String ownerOnlyAccessToken) {
        // README: begin docs/OAUTH2.md
        // OAuth 1.0a owner-only consumer: consumer key and secret, access token and secret, all shown at registration.
        ReactiveMediaWikiClient bot = ReactiveMediaWikiClient.builder()
                .wiki("https://meta.wikimedia.org/w")
                .consumer(consumerKey, consumerSecret)
                .accessToken(accessToken, accessSecret)
                .userAgent("MyBot/1.0 (https://example.org/mybot; me@example.org)")
                .build();

        // OAuth 2.0 owner-only client: only its access token is needed (sent as a bearer, never refreshed).
        ReactiveMediaWikiClient bot2 = ReactiveMediaWikiClient.builder()
                .wiki("https://meta.wikimedia.org/w")
                .oauth2AccessToken(ownerOnlyAccessToken)
                .userAgent("MyBot/1.0 (https://example.org/mybot; me@example.org)")
                .build();

        JsonNode me = bot2.request(Map.of("action", "query", "meta", "userinfo")).block(Duration.ofSeconds(30));
        MediaWikiIdentity who = bot2.currentUser(Freshness.LIVE).block(Duration.ofSeconds(30));  // the profile endpoint
        Mono<JsonNode> edit = bot2.requestWithCsrfToken(Map.of("action", "edit", "title", "Sandbox", "text", "Hi"));
        // README: end
    }

    abstract static class LocalWikiTests {

        static final Clock clock = Clock.systemUTC();
        String requestToken = "";

        // README: begin testkit/README.md
        @RegisterExtension
        static final LocalWikiExtension WIKI = LocalWikiExtension.create(b -> b.clock(clock))
                .withSetup(w -> w.registerUser("Alice"));

        @Test
        void consentThenFaults() {
            LocalWiki wiki = WIKI.get();                       // or LocalWiki.start() / builder().port(n).clock(c).build().start()
            Consumer tool = wiki.registerPrefixConsumer("Example Tool", "http://127.0.0.1:5000/oauth-callback");
            // client: initiate at wiki.indexUrl() + "?title=Special:OAuth/initiate" ...
            Approval ok = wiki.approve(requestToken, "Alice"); // verifier + callback URL the browser would get
            wiki.faults(Endpoint.API).maxlag(7, 2);            // also ratelimited, latency, status, malformed, dropConnection
            wiki.revoke("Alice", tool);
        }
        // README: end
    }

    void localWikiOAuth2(LocalWiki wiki, String redirectUri, URI authorizeUrl) {
        // README: begin testkit/README.md
        OAuth2Client web = wiki.registerConfidentialClient("Example Tool", "http://127.0.0.1:5000/oauth2-callback");
        OAuth2Client app = wiki.registerPublicClient("Phone App", redirectUri);     // PKCE mandatory; its secret refreshes
        OAuth2Client bot = wiki.registerOwnerOnlyClient("Bot", "Alice");            // bot.ownerAccessToken(): a bearer
        // client: send the user to wiki.scriptPath() + "/rest.php/oauth2/authorize?response_type=code&client_id=..."
        AuthorizationCodeGrant g = wiki.approveOAuth2(authorizeUrl, "Alice");       // code, state, redirect URL; no HTML
        String cancelled = wiki.denyOAuth2(authorizeUrl);                           // ...authorize?approval_cancel=1&...
        wiki.expireOAuth2AccessTokens("Alice");  wiki.revokeOAuth2("Alice", web);  wiki.wikimediaEdge(true);
        wiki.requestCount(Endpoint.OAUTH2_TOKEN);                                   // also OAUTH2_RESOURCE
        // README: end
    }

    void localWikiProfiles() {
        // README: begin testkit/README.md
        LocalWiki production = LocalWiki.builder().profile(WikiProfile.WIKIMEDIA_PRODUCTION).start();
        LocalWiki shipped = LocalWiki.builder()
                .refreshTokenLifetime(WikiProfile.REL1_39_SHIPPED_REFRESH_TOKEN_LIFETIME).start();  // PT1M, as shipped
        // README: end
    }

    // README: begin README.md
    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, MediaWikiSecurity mediaWiki) {
        mediaWiki.customize(http);                   // the login, logout, CSRF and entry point
        return http.authorizeExchange(exchange -> exchange
                        .pathMatchers("/admin/**").hasAuthority("GROUP_sysop")
                        .pathMatchers("/edit/**").hasAuthority("GRANT_editpage")
                        .pathMatchers("/me").authenticated()
                        .anyExchange().permitAll())
                .build();
    }
    // README: end

    // README: begin README.md
    @Bean
    LoginApprover notBlocked() {
        return (request, identity) -> identity.blocked()
                ? Mono.error(new LoginRefusedException("Blocked users cannot use this tool."))
                : Mono.empty();
    }
    // README: end

    void testWithAWikiUser(WebTestClient client) {
        // README: begin README.md
        client.mutateWith(mockMediaWikiUser("Alice").groups("sysop").grants("editpage"))
                .get().uri("/admin").exchange().expectStatus().isOk();
        // README: end
    }

    void securityWithoutBoot(WebSessionCredentialsRepository users, MediaWikiOAuthOptions options) {
        // README: begin webflux/README.md
        MediaWikiSecurity mediaWiki = new MediaWikiSecurity(users, options, MediaWikiAuthoritiesMapper.standard());
        mediaWiki.setGetLogout(MediaWikiSecurity.GetLogout.REFUSED);     // logout is POST with the CSRF token only
        ServerHttpSecurity http = ServerHttpSecurity.http();
        mediaWiki.customize(http);
        WebFilter security = new WebFilterChainProxy(http.authorizeExchange(exchange -> exchange
                .pathMatchers("/admin/**").hasAuthority("GROUP_sysop").anyExchange().permitAll()).build());
        // README: end
    }

    abstract static class RedisTests {

        String id = "";

        // README: begin testkit/README.md
        @RegisterExtension   // static: one server per test class; instance field: one per test
        static final RedisServerExtension REDIS = RedisServerExtension.create();

        @Test
        void redisOutages() {
            connect(REDIS.host(), REDIS.port());            // or REDIS.uri(): redis://127.0.0.1:port
            REDIS.cli("EXISTS", "spring:session:sessions:" + id);   // redis-cli's output: "(integer) 1"
            REDIS.stop();  REDIS.start();  REDIS.kill();  REDIS.restart();
            long paused = REDIS.pauseClients(Duration.ofSeconds(3)); // CLIENT PAUSE: connected, answering nothing
        }
        // README: end

        abstract void connect(String host, int port);
    }

    void uploadLimits(LocalWiki wiki) {
        // README: begin testkit/README.md
        wiki.uploadLimits().maxUploadSize(4 << 20).phpUploadMaxFilesize(2 << 20).phpPostMaxSize(8 << 20)
                .asyncUploads(true);              // async=1 answers Poll; checkstatus runs the job
        // README: end
    }

    abstract static class RedisTopologies {

        void failovers(Path dir) {
            // README: begin testkit/README.md
            try (RedisSentinelTopology redis = RedisSentinelTopology.start(dir)) {   // master, replica, three Sentinels
                connect(RedisSentinelTopology.MASTER_NAME, redis.sentinelNodes());   // "sessions", "127.0.0.1:p1,..."
                int master = redis.masterPort();
                redis.server(master).kill();                                         // SIGKILL
                long elected = redis.awaitNewMaster(master, Duration.ofSeconds(30)); // System.nanoTime() when seen
            }
            try (RedisClusterTopology redis = RedisClusterTopology.start(dir)) {     // three masters with a replica each
                connect(redis.nodes());
                int master = redis.masterOf("some:key");
                redis.server(master).kill();
                redis.awaitFailover(master, Duration.ofSeconds(30));
            }
            // README: end
        }

        abstract void connect(String masterName, String sentinelNodes);

        abstract void connect(String clusterNodes);
    }
}
