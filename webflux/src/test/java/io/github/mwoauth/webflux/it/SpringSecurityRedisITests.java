package io.github.mwoauth.webflux.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.OAuth2Client;
import io.github.mwoauth.testkit.WikiUser;
import io.github.mwoauth.testkit.redis.RedisServerExtension;
import io.github.mwoauth.webflux.LoginApprover;
import io.github.mwoauth.webflux.LoginRefusedException;
import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.WebSessionCredentialsRepository;
import io.github.mwoauth.webflux.autoconfigure.OAuthProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Mono;

/**
 * The login behind Spring Security ({@code MediaWikiSecurity} in the application's chain), against LocalWiki with
 * sessions in a real redis-server, for OAuth 1.0a and OAuth 2.0: the principal and its authorities, a rule on a
 * wiki group, Spring Security's logout with CSRF, the entry point, the login approver, and no session writes for
 * anonymous requests.
 */
class SpringSecurityRedisITests {

    private static final String CALLBACK = "http://app.test/oauth-callback";
    private static final String USER_KEY = "sessionAttr:" + WebSessionCredentialsRepository.USER_ATTRIBUTE;

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static LocalWiki wiki;
    private static final List<RedisBackedApp> apps = new ArrayList<>();
    private static final Map<OAuthProtocol, RedisBackedApp> byProtocol = new TreeMap<>();

    @BeforeAll
    static void start() {
        wiki = LocalWiki.start();
        wiki.registerUser("Alice");
        wiki.registerUser(WikiUser.named("Sam").groups(List.of("*", "user", "autoconfirmed", "sysop")).build());
        wiki.registerUser(WikiUser.named("Blocked").blocked(true).build());
        Consumer consumer = wiki.registerOobConsumer("Example Tool", CALLBACK);
        OAuth2Client client = wiki.registerConfidentialClient("Example Tool 2", CALLBACK);
        byProtocol.put(OAuthProtocol.OAUTH1, app(RedisBackedApp.oauth1Login(wiki, consumer, null)));
        byProtocol.put(OAuthProtocol.OAUTH2, app(RedisBackedApp.oauth2Login(wiki, client, null)));
    }

    private static RedisBackedApp app(MediaWikiLogin login) {
        LoginApprover notBlocked = (request, identity) -> identity.blocked()
                ? Mono.error(new LoginRefusedException("Blocked users cannot use this tool."))
                : Mono.empty();
        RedisBackedApp app = RedisBackedApp.secured(wiki, login, REDIS.port(),
                MediaWikiOAuthOptions.builder().loginApprover(notBlocked).build(), SecuredPages::chain);
        apps.add(app);
        return app;
    }

    @AfterAll
    static void stop() {
        apps.forEach(RedisBackedApp::close);
        if (wiki != null) {
            wiki.close();
        }
    }

    private static Browser loggedIn(OAuthProtocol p, String user) {
        Browser browser = new Browser(byProtocol.get(p).web);
        EntityExchangeResult<String> callback = browser.login(wiki, p, user, "/login?next=/me");
        assertThat(callback.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(callback.getResponseHeaders().getLocation()).hasToString("/me");
        return browser;
    }

    @ParameterizedTest
    @EnumSource(OAuthProtocol.class)
    void loginWhenUserAllowsThenPrincipalIsTheWikiUserWithGroupsAndGrants(OAuthProtocol p) {
        Browser alice = loggedIn(p, "Alice");

        EntityExchangeResult<String> me = alice.getHtml("/me", "same-origin");

        assertThat(me.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(me.getResponseBody()).startsWith("name=Alice principal=Alice same=true client=Alice authorities=")
                .contains("GROUP_user", "GROUP_autoconfirmed", "GRANT_editpage")
                .doesNotContain("GROUP_sysop", "GROUP_*");
        assertThat(alice.getHtml("/admin", "same-origin").getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @ParameterizedTest
    @EnumSource(OAuthProtocol.class)
    void adminPageWhenUserIsSysopThenShown(OAuthProtocol p) {
        Browser sam = loggedIn(p, "Sam");

        EntityExchangeResult<String> admin = sam.getHtml("/admin", "same-origin");

        assertThat(admin.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(admin.getResponseBody()).isEqualTo("admin page for Sam");
    }

    @ParameterizedTest
    @EnumSource(OAuthProtocol.class)
    void logoutWhenPostWithCsrfTokenThenWikiTokensClearedAndRedirectedToNext(OAuthProtocol p) {
        Browser alice = loggedIn(p, "Alice");
        String loggedInSession = alice.session();
        assertThat(sealedUserLength(loggedInSession)).isPositive();

        assertThat(alice.post("/logout").getStatus()).as("no CSRF token").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(alice.getHtml("/me", "same-origin").getStatus()).isEqualTo(HttpStatus.OK);

        EntityExchangeResult<String> form = alice.getHtml("/edit-form", "same-origin");
        assertThat(form.getStatus()).as(form.toString()).isEqualTo(HttpStatus.OK);
        String[] csrf = form.getResponseBody().split(":", 2);
        EntityExchangeResult<String> logout = alice.post("/logout?next=/bye", csrf[0], csrf[1]);

        assertThat(logout.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(logout.getResponseHeaders().getLocation()).hasToString("/bye");
        assertThat(alice.session()).as("session id rotated").isNotEqualTo(loggedInSession);
        assertThat(REDIS.cli("EXISTS", "spring:session:sessions:" + loggedInSession)).contains("0");
        assertThat(sealedUserLength(alice.session())).isZero();
        EntityExchangeResult<String> me = alice.getHtml("/me", "same-origin");
        assertThat(me.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(me.getResponseHeaders().getLocation()).hasToString("/login?next=/me");
    }

    @Test
    void getLogoutWhenCrossSiteThenRefusedAndWhenSameOriginThenLoggedOut() {
        Browser alice = loggedIn(OAuthProtocol.OAUTH1, "Alice");

        assertThat(alice.getHtml("/logout", "cross-site").getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(alice.getHtml("/me", "same-origin").getStatus()).isEqualTo(HttpStatus.OK);

        assertThat(alice.getHtml("/logout", "same-origin").getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(alice.getHtml("/me", "same-origin").getStatus()).isEqualTo(HttpStatus.FOUND);
    }

    @Test
    void protectedPageWhenAnonymousThenBrowsersGoToLoginAndApiClientsGet401() {
        Browser anonymous = new Browser(byProtocol.get(OAuthProtocol.OAUTH2).web);

        EntityExchangeResult<String> page = anonymous.getHtml("/me?tab=a%26b", null);
        assertThat(page.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(page.getResponseHeaders().getLocation()).hasToString("/login?next=/me?tab%3Da%2526b");
        assertThat(page.getResponseHeaders().getCacheControl()).isEqualTo("no-store");

        EntityExchangeResult<String> api = anonymous.getJson("/me");
        assertThat(api.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(api.getResponseHeaders().getLocation()).isNull();
        assertThat(anonymous.session()).isNull();
    }

    @ParameterizedTest
    @EnumSource(OAuthProtocol.class)
    void loginWhenApproverRefusesThenErrorPageWithReasonAndNobodyLoggedIn(OAuthProtocol p) {
        Browser blocked = new Browser(byProtocol.get(p).web);

        EntityExchangeResult<String> callback = blocked.login(wiki, p, "Blocked", "/login?next=/me");

        assertThat(callback.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(callback.getResponseBody()).contains("Blocked users cannot use this tool.");
        assertThat(sealedUserLength(blocked.session())).isZero();
        assertThat(blocked.getHtml("/me", "same-origin").getStatus()).isEqualTo(HttpStatus.FOUND);
    }

    @Test
    void anonymousRequestsWhenPublicOrRefusedThenNothingSentToRedis() {
        Browser anonymous = new Browser(byProtocol.get(OAuthProtocol.OAUTH1).web);
        REDIS.cli("CONFIG", "RESETSTAT");

        assertThat(anonymous.getHtml("/", null).getResponseBody()).isEqualTo("not logged in");
        assertThat(anonymous.getHtml("/public", null).getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(anonymous.getHtml("/me", null).getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(anonymous.getJson("/admin").getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.post("/public").getStatus()).as("no CSRF token").isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(anonymous.session()).isNull();
        assertThat(commandsServed()).as("commands Redis served besides the test's own CONFIG and INFO").isEmpty();
    }

    /** The length of the sealed user in the session as Redis holds it; 0 when absent or removed. */
    private static long sealedUserLength(String session) {
        Matcher m = Pattern.compile("\\(integer\\) (\\d+)")
                .matcher(REDIS.cli("HSTRLEN", "spring:session:sessions:" + session, USER_KEY));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Redis's per-command call counts ({@code INFO commandstats}), without the test's own commands. */
    private static Map<String, Long> commandsServed() {
        Map<String, Long> calls = new TreeMap<>();
        Matcher m = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)").matcher(REDIS.cli("INFO", "commandstats"));
        while (m.find()) {
            if (!m.group(1).startsWith("config") && !m.group(1).equals("info")) {
                calls.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        return calls;
    }
}
