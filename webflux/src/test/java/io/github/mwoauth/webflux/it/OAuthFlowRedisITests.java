package io.github.mwoauth.webflux.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.testkit.Approval;
import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.Endpoint;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.OAuth2Client;
import io.github.mwoauth.testkit.WikiUser;
import io.github.mwoauth.testkit.redis.RedisServerExtension;
import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.SessionSealer;
import io.github.mwoauth.webflux.autoconfigure.OAuthProtocol;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The whole login flow against LocalWiki with sessions in a real redis-server, wired without Spring Boot: the
 * scenarios common to both protocols run for OAuth 1.0a and OAuth 2.0 (one app each, sharing the wiki and Redis),
 * then those of each protocol.
 */
class OAuthFlowRedisITests {

    private static final String CALLBACK = "http://app.test/oauth-callback";

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static LocalWiki wiki;
    private static Consumer consumer;
    private static OAuth2Client oauth2Client;
    private static RedisBackedApp app;
    private static RedisBackedApp oauth2App;

    private Browser browser;
    private OAuthProtocol protocol = OAuthProtocol.OAUTH1;

    @BeforeAll
    static void start() {
        wiki = LocalWiki.start();
        wiki.registerUser(WikiUser.named("Alice")
                .contribution("Sandbox", 101, Instant.parse("2026-11-01T10:00:00Z"), "first edit")
                .contribution("Cats", 102, Instant.parse("2026-11-02T10:00:00Z"), "about cats")
                .build());
        wiki.registerUser("Bob");
        consumer = wiki.registerOobConsumer("Example Tool", CALLBACK);
        app = new RedisBackedApp(wiki, consumer, REDIS.port());
        oauth2Client = wiki.registerConfidentialClient("Example Tool 2", CALLBACK);
        oauth2App = RedisBackedApp.oauth2(wiki, oauth2Client, REDIS.port());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (oauth2App != null) {
            oauth2App.close();
        }
        if (wiki != null) {
            wiki.close();
        }
    }

    @BeforeEach
    void newBrowser() {
        browser = new Browser(app.web);
    }

    @AfterEach
    void clearFaults() {
        wiki.clearFaults();
        wiki.wikimediaEdge(false);
    }

    /** The next steps speak {@code p}: a browser of that protocol's app. */
    private void use(OAuthProtocol p) {
        protocol = p;
        browser = new Browser((p == OAuthProtocol.OAUTH2 ? oauth2App : app).web);
    }

    private void revoke(String user) {
        assertThat(protocol == OAuthProtocol.OAUTH2 ? wiki.revokeOAuth2(user, oauth2Client) : wiki.revoke(user, consumer))
                .isTrue();
    }

    /** Calls of the wiki endpoint that tells who the user is: identify, or the OAuth 2.0 profile. */
    private long liveIdentityCalls() {
        return wiki.requestCount(protocol == OAuthProtocol.OAUTH2 ? Endpoint.OAUTH2_RESOURCE : Endpoint.IDENTIFY);
    }

    @ParameterizedTest
    @EnumSource(OAuthProtocol.class)
    void loginWhenUserAllowsThenLoggedInQueriesAsUserAndLogsOut(OAuthProtocol p) {
        use(p);
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");

        EntityExchangeResult<String> login = browser.get("/login?next=/test_query");
        assertThat(login.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(login.getResponseHeaders().getCacheControl()).isEqualTo("no-store");
        URI authorize = login.getResponseHeaders().getLocation();
        if (p == OAuthProtocol.OAUTH1) {
            assertThat(authorize.toString()).startsWith(wiki.indexUrl()).contains("Special%3AOAuth%2Fauthorize",
                    "oauth_consumer_key=" + consumer.key());
        } else {
            assertThat(authorize.toString()).startsWith(wiki.scriptPath() + "/rest.php/oauth2/authorize?")
                    .contains("response_type=code", "client_id=" + oauth2Client.clientId(), "&state=",
                            "code_challenge_method=S256").doesNotContain("redirect_uri");
        }
        String sessionBeforeLogin = browser.session();
        assertThat(sessionBeforeLogin).isNotNull();

        String callbackUri = Browser.approve(wiki, p, authorize, "Alice");
        EntityExchangeResult<String> callback = browser.get(callbackUri);

        assertThat(callback.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(callback.getResponseHeaders().getLocation()).hasToString("/test_query");
        assertThat(browser.session()).as("session id rotated at login").isNotNull().isNotEqualTo(sessionBeforeLogin);
        assertThat(REDIS.cli("EXISTS", "spring:session:sessions:" + sessionBeforeLogin)).contains("0");
        assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");

        EntityExchangeResult<String> contributions = browser.get("/test_query");
        assertThat(contributions.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(contributions.getResponseBody()).contains("\"usercontribs\"", "Sandbox", "Cats", "Alice");

        EntityExchangeResult<String> logout = browser.get("/logout?next=/bye");
        assertThat(logout.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(logout.getResponseHeaders().getLocation()).hasToString("/bye");
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
    }

    @ParameterizedTest
    @EnumSource(OAuthProtocol.class)
    void logoutWhenPostThenLoggedOutAndRedirectedToDefault(OAuthProtocol p) {
        use(p);
        loginAs("Bob", "/");
        EntityExchangeResult<String> logout = browser.post("/logout?next=https://evil.example/");
        assertThat(logout.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(logout.getResponseHeaders().getLocation()).hasToString("/");
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
    }

    @ParameterizedTest
    @EnumSource(OAuthProtocol.class)
    void loginWhenNextIsOffSiteThenRedirectsToDefaultAfterCallback(OAuthProtocol p) {
        use(p);
        for (String hostile : new String[] {"//evil.example", "https://evil.example/", "/%5Cevil.example",
                "/\\evil.example"}) {
            browser.forgetCookies();
            EntityExchangeResult<String> callback = loginAs("Alice",
                    UriComponentsBuilder.fromPath("/login").queryParam("next", hostile).encode().build().toUriString());
            assertThat(callback.getResponseHeaders().getLocation()).as(hostile).hasToString("/");
        }
    }

    @ParameterizedTest
    @EnumSource(OAuthProtocol.class)
    void testQueryWhenNotLoggedInThenRedirectedToLoginWithNext(OAuthProtocol p) {
        use(p);
        EntityExchangeResult<String> page = browser.get("/test_query?uclimit=5");
        assertThat(page.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(page.getResponseHeaders().getCacheControl()).isEqualTo("no-store");
        URI location = page.getResponseHeaders().getLocation();
        assertThat(location.getPath()).isEqualTo("/login");
        assertThat(UriComponentsBuilder.fromUri(location).build(true).getQueryParams().getFirst("next"))
                .isEqualTo("/test_query?uclimit%3D5");

        EntityExchangeResult<String> login = browser.get(location.toString());
        EntityExchangeResult<String> callback = browser.get(
                Browser.approve(wiki, p, login.getResponseHeaders().getLocation(), "Alice"));
        assertThat(callback.getResponseHeaders().getLocation()).hasToString("/test_query?uclimit=5");
    }

    @ParameterizedTest
    @EnumSource(OAuthProtocol.class)
    void currentUserWhenGrantRevokedThenCachedStillAnswersAndLiveLogsOut(OAuthProtocol p) {
        use(p);
        loginAs("Alice", "/");
        long before = liveIdentityCalls();
        assertThat(browser.get("/live").getResponseBody()).isEqualTo("logged in as: Alice");
        long identifyCalls = liveIdentityCalls();
        assertThat(identifyCalls).as("live asks the wiki").isEqualTo(before + 1);
        assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");
        assertThat(liveIdentityCalls()).as("cached asks nothing").isEqualTo(identifyCalls);

        revoke("Alice");

        assertThat(browser.get("/").getResponseBody()).as("cached does not notice").isEqualTo("logged in as: Alice");
        assertThat(browser.get("/live").getResponseBody()).isEqualTo("not logged in");
        assertThat(browser.get("/").getResponseBody()).as("session cleared").isEqualTo("not logged in");
        assertThat(browser.get("/test_query").getStatus()).isEqualTo(HttpStatus.FOUND);
    }

    /** OAuth 2.0: the wiki calls the access token invalid, the refresh is refused: login required. */
    @ParameterizedTest
    @EnumSource(OAuthProtocol.class)
    void requestWhenGrantRevokedThenSessionClearedAndSentToLogin(OAuthProtocol p) {
        use(p);
        loginAs("Alice", "/");
        revoke("Alice");

        EntityExchangeResult<String> failed = browser.get("/test_query");
        assertThat(failed.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(failed.getResponseHeaders().getLocation()).hasToString("/login?next=/test_query");
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
    }

    @ParameterizedTest
    @EnumSource(OAuthProtocol.class)
    void callbackWhenReplayedThen403AndSessionUnchanged(OAuthProtocol p) {
        use(p);
        String callbackUri = startLoginAndAllow("Alice", "/");
        EntityExchangeResult<String> first = browser.get(callbackUri);
        assertThat(first.getStatus()).isEqualTo(HttpStatus.FOUND);
        String session = browser.session();

        EntityExchangeResult<String> replay = browser.get(callbackUri);

        assertThat(replay.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(replay.getResponseBody()).contains("expired or was already used", "href=\"/login\"");
        assertThat(browser.session()).isEqualTo(session);
        assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");
    }

    @Test
    void callbackWhenTokenUnknownThen403HtmlOrJson() {
        browser.get("/login");
        EntityExchangeResult<String> html = browser.get("/oauth-callback?oauth_token=0123456789abcdef0123456789abcdef"
                + "&oauth_verifier=0123456789abcdef0123456789abcdef");
        assertThat(html.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(html.getResponseBody()).contains("<html", "This sign-in link has expired or was already used");

        EntityExchangeResult<String> json = browser.getJson("/oauth-callback?oauth_token=nope&oauth_verifier=x");
        assertThat(json.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(json.getResponseBody()).contains("\"error\":\"login_expired\"");

        assertThat(browser.get("/oauth-callback").getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void callbackWhenWikiRefusesTokenExchangeThen502NamingWikiMessageAndTokenUsedUp() {
        Approval approval = startLoginAndApprove("Alice", "/");
        String forged = "/oauth-callback?oauth_verifier=ffffffffffffffffffffffffffffffff&oauth_token="
                + approval.requestToken();

        EntityExchangeResult<String> refused = browser.get(forged);

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(refused.getResponseBody()).contains("The verification code provided was not valid");
        assertThat(browser.get("/oauth-callback?" + approval.callbackQuery()).getStatus())
                .as("single use").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
    }

    @Test
    void loginWhenWikiDownOrSlowThen503Or504Page() {
        wiki.faults(Endpoint.HANDSHAKE).status(503);
        EntityExchangeResult<String> down = browser.get("/login");
        assertThat(down.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(down.getResponseBody()).contains("The wiki is not responding").doesNotContain("Exception");

        wiki.clearFaults();
        wiki.faults(Endpoint.HANDSHAKE).latency(Duration.ofSeconds(4));
        EntityExchangeResult<String> slow = browser.get("/login");
        assertThat(slow.getStatus()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
    }

    @ParameterizedTest
    @EnumSource(OAuthProtocol.class)
    void redisWhenLoggedInThenHoldsNoReadableTokenAndStaysSmall(OAuthProtocol p) {
        use(p);
        EntityExchangeResult<String> login = browser.get("/login?next=/");
        URI authorize = login.getResponseHeaders().getLocation();
        String pendingDump = redisDump();
        if (p == OAuthProtocol.OAUTH1) {
            assertThat(pendingDump).as("pending request token").doesNotContain(requestToken(authorize));
        } else {
            String state = UriComponentsBuilder.fromUri(authorize).build().getQueryParams().getFirst("state");
            assertThat(pendingDump).as("pending state").doesNotContain(state);
        }
        assertThat(hexRuns(pendingDump)).isFalse();

        browser.get(Browser.approve(wiki, p, authorize, "Alice"));
        String dump = redisDump();

        assertThat(dump).contains("mwoauth.user").doesNotContain("Alice");
        if (p == OAuthProtocol.OAUTH1) {
            AccessToken token = wiki.authorize("Alice", consumer);
            assertThat(dump).doesNotContain(token.secret(), token.key(), consumer.secret());
        } else {
            assertThat(dump).doesNotContain(oauth2Client.clientSecret(), "def502");
            assertThat(Pattern.compile("eyJ[A-Za-z0-9_-]+\\.eyJ").matcher(dump).find()).as("no readable JWT").isFalse();
        }
        assertThat(hexRuns(dump)).as("no 32-hex token or secret of any kind").isFalse();
        String usage = REDIS.cli("MEMORY", "USAGE", "spring:session:sessions:" + browser.session()).strip();
        System.out.println("Redis MEMORY USAGE of a logged-in session (" + p + "): " + usage + " bytes");
        assertThat(Long.parseLong(usage.replaceAll("\\D", ""))).as("bytes in Redis for a logged-in session")
                .isLessThan(p == OAuthProtocol.OAUTH1 ? 1024 : 2048);
    }

    // ---- OAuth 2.0 only

    @Test
    void callbackWhenStateTamperedOrFromAnotherSessionThen403AndGenuineCallbackStillWorks() {
        use(OAuthProtocol.OAUTH2);
        String genuine = startLoginAndAllow("Alice", "/x");
        String state = UriComponentsBuilder.fromUriString(genuine).build().getQueryParams().getFirst("state");
        String flipped = (state.charAt(0) == 'a' ? "b" : "a") + state.substring(1);

        EntityExchangeResult<String> tampered = browser.get(genuine.replace("state=" + state, "state=" + flipped));
        assertThat(tampered.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(tampered.getResponseBody()).contains("expired or was already used");
        assertThat(browser.get(genuine.replace("state=" + state, "state=")).getStatus()).isEqualTo(HttpStatus.FORBIDDEN);

        Browser other = new Browser(oauth2App.web);
        other.get("/login");
        EntityExchangeResult<String> stolen = other.get(genuine);
        assertThat(stolen.getStatus()).as("a state is only good in the session that started the login")
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(other.get("/").getResponseBody()).isEqualTo("not logged in");

        EntityExchangeResult<String> callback = browser.get(genuine);
        assertThat(callback.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(callback.getResponseHeaders().getLocation()).hasToString("/x");
        assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");
    }

    @Test
    void callbackWhenCodeIssuedForAnotherPkceChallengeThen502AndNotLoggedIn() {
        use(OAuthProtocol.OAUTH2);
        URI authorize = browser.get("/login").getResponseHeaders().getLocation();
        String challenge = UriComponentsBuilder.fromUri(authorize).build().getQueryParams().getFirst("code_challenge");
        // an attacker's authorization (their own PKCE challenge) whose code is injected into this session's callback
        URI injected = URI.create(authorize.toString().replace("code_challenge=" + challenge,
                "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));

        EntityExchangeResult<String> refused = browser.get(Browser.approve(wiki, OAuthProtocol.OAUTH2, injected, "Bob"));

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(refused.getResponseBody()).contains("invalid_grant", "code_verifier").doesNotContain("Exception");
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
    }

    @Test
    void callbackWhenStateButNoCodeThen400MissingCodeAndStateUsedUp() {
        use(OAuthProtocol.OAUTH2);
        URI authorize = browser.get("/login").getResponseHeaders().getLocation();
        String state = UriComponentsBuilder.fromUri(authorize).build().getQueryParams().getFirst("state");
        long exchanges = wiki.requestCount(Endpoint.OAUTH2_TOKEN);

        EntityExchangeResult<String> json = browser.getJson("/oauth-callback?state=" + state);

        assertThat(json.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.getResponseBody()).contains("\"error\":\"missing_code\"").doesNotContain("Exception");
        assertThat(wiki.requestCount(Endpoint.OAUTH2_TOKEN)).as("nothing sent to the wiki").isEqualTo(exchanges);
        assertThat(browser.get("/oauth-callback?state=" + state + "&code=").getResponseBody()).as("single use")
                .contains("expired or was already used");

        String other = UriComponentsBuilder.fromUri(browser.get("/login").getResponseHeaders().getLocation()).build()
                .getQueryParams().getFirst("state");
        EntityExchangeResult<String> html = browser.get("/oauth-callback?state=" + other + "&code=");
        assertThat(html.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(html.getResponseBody()).contains("<html", "without an authorization code", "href=\"/login\"");
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
    }

    @Test
    void callbackWhenAccessDeniedThenClearPageAndStateUsedUp() {
        use(OAuthProtocol.OAUTH2);
        URI authorize = browser.get("/login").getResponseHeaders().getLocation();
        String state = UriComponentsBuilder.fromUri(authorize).build().getQueryParams().getFirst("state");
        String denied = "/oauth-callback?state=" + state + "&error=access_denied";

        EntityExchangeResult<String> page = browser.get(denied);

        assertThat(page.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(page.getResponseBody()).contains("Sign-in cancelled", "did not allow", "href=\"/login\"");
        assertThat(browser.get(denied).getResponseBody()).as("single use").contains("expired or was already used");
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
    }

    @Test
    void cancelWhenPressedOnTheWikiThenTheAppIsNeverCalledAndTheNextLoginWorks() {
        use(OAuthProtocol.OAUTH2);
        URI authorize = browser.get("/login?next=/test_query").getResponseHeaders().getLocation();
        long exchanges = wiki.requestCount(Endpoint.OAUTH2_TOKEN);

        String cancelled = wiki.denyOAuth2(authorize);

        assertThat(cancelled).startsWith(wiki.scriptPath() + "/rest.php/oauth2/authorize?approval_cancel=1")
                .doesNotContain("oauth-callback");
        assertThat(browser.get("/").getResponseBody()).as("nothing changed").isEqualTo("not logged in");
        String callbackUri = Browser.approve(wiki, OAuthProtocol.OAUTH2,
                browser.get("/login?next=/test_query").getResponseHeaders().getLocation(), "Alice");
        assertThat(browser.get(callbackUri).getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");
        assertThat(wiki.requestCount(Endpoint.OAUTH2_TOKEN)).as("only the second login's exchange")
                .isEqualTo(exchanges + 1);
    }

    @ParameterizedTest
    @EnumSource(WikiManner.class)
    void requestWhenAccessTokenExpiredThenRefreshedTransparentlyOnce(WikiManner manner) {
        use(OAuthProtocol.OAUTH2);
        wiki.wikimediaEdge(manner == WikiManner.WIKIMEDIA_EDGE);
        loginAs("Alice", "/");
        assertThat(wiki.expireOAuth2AccessTokens("Alice")).isPositive();
        long refreshes = wiki.requestCount(Endpoint.OAUTH2_TOKEN);

        EntityExchangeResult<String> contributions = browser.get("/test_query");

        assertThat(contributions.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(contributions.getResponseBody()).contains("Sandbox", "Cats");
        assertThat(wiki.requestCount(Endpoint.OAUTH2_TOKEN)).isEqualTo(refreshes + 1);
        assertThat(browser.get("/test_query").getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(browser.get("/live").getResponseBody()).isEqualTo("logged in as: Alice");
        assertThat(wiki.requestCount(Endpoint.OAUTH2_TOKEN)).as("the new tokens were saved in Redis")
                .isEqualTo(refreshes + 1);
    }

    @Test
    void requestsWhenConcurrentWithExpiredTokenThenShareOneRefresh() {
        use(OAuthProtocol.OAUTH2);
        loginAs("Alice", "/");
        wiki.expireOAuth2AccessTokens("Alice");
        long refreshes = wiki.requestCount(Endpoint.OAUTH2_TOKEN);

        List<HttpStatus> statuses = Flux.range(0, 8)
                .flatMap(i -> Mono.fromCallable(() -> (HttpStatus) browser.get("/test_query").getStatus())
                        .subscribeOn(Schedulers.boundedElastic()))
                .collectList().block(Duration.ofSeconds(30));

        assertThat(statuses).hasSize(8).containsOnly(HttpStatus.OK);
        assertThat(wiki.requestCount(Endpoint.OAUTH2_TOKEN)).as("one refresh for all").isEqualTo(refreshes + 1);
        assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");
    }

    @Test
    void loginWhenRedirectUriConfiguredThenSentToAuthorizeAndTokenAndLoginWorks() {
        try (RedisBackedApp withRedirect = RedisBackedApp.of(wiki, RedisBackedApp.oauth2Login(wiki, oauth2Client,
                CALLBACK), REDIS.port(), SessionSealer.ephemeral(), MediaWikiOAuthOptions.defaults(), Clock.systemUTC())) {
            protocol = OAuthProtocol.OAUTH2;
            browser = new Browser(withRedirect.web);
            URI authorize = browser.get("/login?next=/r").getResponseHeaders().getLocation();
            assertThat(UriComponentsBuilder.fromUri(authorize).build().getQueryParams().getFirst("redirect_uri"))
                    .isEqualTo("http%3A%2F%2Fapp.test%2Foauth-callback");

            EntityExchangeResult<String> callback = browser.get(Browser.approve(wiki, protocol, authorize, "Alice"));

            assertThat(callback.getStatus()).as("the wiki took the redirect_uri at the token endpoint too")
                    .isEqualTo(HttpStatus.FOUND);
            assertThat(callback.getResponseHeaders().getLocation()).hasToString("/r");
            assertThat(browser.get("/").getResponseBody()).isEqualTo("logged in as: Alice");
        }
    }

    @Test
    void callbackWhenTokenEndpointDownThen503AndNotLoggedIn() {
        use(OAuthProtocol.OAUTH2);
        String callbackUri = startLoginAndAllow("Alice", "/");
        wiki.faults(Endpoint.OAUTH2_TOKEN).status(503);

        EntityExchangeResult<String> down = browser.get(callbackUri);

        assertThat(down.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(down.getResponseBody()).contains("The wiki is not responding").doesNotContain("Exception");
        assertThat(browser.get("/").getResponseBody()).isEqualTo("not logged in");
    }

    /** How the wiki reports an expired access token: HTTP 200 API error, or Wikimedia's HTTP 401 + WWW-Authenticate. */
    enum WikiManner {
        PLAIN_WIKI, WIKIMEDIA_EDGE
    }

    private String redisDump() {
        StringBuilder dump = new StringBuilder();
        for (String key : REDIS.cli("KEYS", "*").split("\n")) {
            String name = key.replaceFirst("^\\d+\\) ", "").replace("\"", "").strip();
            if (!name.isEmpty() && !name.contains("(empty")) {
                dump.append(name).append('\n').append(REDIS.cli("HGETALL", name));
            }
        }
        return dump.toString();
    }

    private static boolean hexRuns(String text) {
        return Pattern.compile("[0-9a-f]{32}").matcher(text).find();
    }

    /** Starts a login and has {@code user} allow it: the callback URI the browser is sent to. */
    private String startLoginAndAllow(String user, String next) {
        EntityExchangeResult<String> login = browser.get("/login?next=" + next);
        assertThat(login.getStatus()).isEqualTo(HttpStatus.FOUND);
        return Browser.approve(wiki, protocol, login.getResponseHeaders().getLocation(), user);
    }

    private Approval startLoginAndApprove(String user, String next) {
        EntityExchangeResult<String> login = browser.get("/login?next=" + next);
        assertThat(login.getStatus()).isEqualTo(HttpStatus.FOUND);
        return wiki.approve(requestToken(login.getResponseHeaders().getLocation()), user);
    }

    private EntityExchangeResult<String> loginAs(String user, String loginUri) {
        EntityExchangeResult<String> callback = browser.login(wiki, protocol, user,
                loginUri.startsWith("/login") ? loginUri : "/login?next=" + loginUri);
        assertThat(callback.getStatus()).isEqualTo(HttpStatus.FOUND);
        return callback;
    }

    private static String requestToken(URI authorize) {
        return Browser.requestToken(authorize);
    }
}
