package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.http.Parameter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Special:OAuth/authorize and /authenticate as a browser sees them (§2). */
class ConsentPagesTest {

    @RegisterExtension
    final LocalWikiExtension extension = LocalWikiExtension.create();

    final WireClient client = new WireClient();
    Fixtures f;

    @BeforeEach
    void setUp() {
        f = new Fixtures(extension.get(), client);
        f.wiki.signInAs("Alice");
    }

    String authorizeUrl(String subpage, String token, String consumerKey) {
        return f.wiki.indexUrl() + "?title=Special%3AOAuth%2F" + subpage + "&oauth_token=" + token
                + "&oauth_consumer_key=" + consumerKey;
    }

    static String field(String html, String name) {
        Matcher m = Pattern.compile("name='" + Pattern.quote(name) + "' value='([^']*)'").matcher(html);
        return m.find() ? m.group(1).replace("&#039;", "'").replace("&quot;", "\"").replace("&amp;", "&") : "";
    }

    /** Posts the consent form back with the named button, as a browser does. */
    WireClient.Response submit(String html, String button, String value) {
        List<Parameter> form = List.of(Parameter.of("title", field(html, "title")),
                Parameter.of("wpEditToken", field(html, "wpEditToken")), Parameter.of("wpaction", "accept"),
                Parameter.of("wpconfirmUpdate", field(html, "wpconfirmUpdate")), Parameter.of("oauth_version", "1"),
                Parameter.of("consumerKey", field(html, "consumerKey")),
                Parameter.of("requestToken", field(html, "requestToken")), Parameter.of(button, value));
        return client.postForm(f.wiki.server() + "/wiki/Special:OAuth/authorize", form);
    }

    @Test
    void authorizeWhenLoggedInThenFormWithFields() {
        Map<String, String> rt = f.initiate(f.prefix, "oob");
        WireClient.Response page = client.get(authorizeUrl("authorize", rt.get("oauth_token"), f.prefix.key()));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html; charset=UTF-8");
        assertThat(page.body()).contains("<form id='mw-mwoauth-authorize-form' action='/wiki/Special:OAuth/authorize'"
                + " method='post'>")
                .contains("Hi Alice, In order to complete your request, Example Tool needs permission to perform the "
                        + "following actions on your behalf on all projects of this site:")
                .contains("<button name='accept' value='Allow'", "<button name='cancel' value='Cancel'");
        assertThat(field(page.body(), "wpEditToken")).endsWith("+\\");
        assertThat(field(page.body(), "wpconfirmUpdate")).isEqualTo("0");
        assertThat(field(page.body(), "requestToken")).isEqualTo(rt.get("oauth_token"));
        assertThat(field(page.body(), "consumerKey")).isEqualTo(f.prefix.key());
        assertThat(field(page.body(), "title")).isEqualTo("Special:OAuth/authorize");
    }

    @Test
    void allowWhenPostedThenRedirectToCallbackWithVerifierThenToken() {
        Map<String, String> rt = f.initiate(f.prefix, Fixtures.CALLBACK + "/sub?next=%2Fafter");
        String html = client.get(f.wiki.server() + "/wiki/Special:OAuth/authorize?oauth_token="
                + rt.get("oauth_token") + "&oauth_consumer_key=" + f.prefix.key()).body();
        WireClient.Response allow = submit(html, "accept", "Allow");
        assertThat(allow.status()).isEqualTo(302);
        assertThat(allow.contentType()).isEqualTo("text/html; charset=UTF-8");
        assertThat(allow.body()).isEmpty();
        assertThat(allow.header("Location")).matches(Pattern.quote(Fixtures.CALLBACK + "/sub?next=%2Fafter")
                + "&oauth_verifier=[0-9a-f]{32}&oauth_token=" + rt.get("oauth_token"));
        String verifier = WireClient.query(allow.header("Location"), "oauth_verifier");
        assertThat(f.exchange(f.prefix, rt, verifier).body()).startsWith("oauth_token=");
        // second visit: the user already authorized this consumer
        Map<String, String> again = f.initiate(f.prefix, "oob");
        String second = client.get(authorizeUrl("authorize", again.get("oauth_token"), f.prefix.key())).body();
        assertThat(field(second, "wpconfirmUpdate")).isEqualTo("1");
        assertThat(submit(second, "accept", "Allow").header("Location")).startsWith(Fixtures.CALLBACK
                + "?oauth_verifier=");
    }

    @Test
    void cancelWhenPostedThenPageAndTokenStaysValid() {
        Map<String, String> rt = f.initiate(f.prefix, "oob");
        String html = client.get(authorizeUrl("authorize", rt.get("oauth_token"), f.prefix.key())).body();
        WireClient.Response cancel = submit(html, "cancel", "Cancel");
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.contentType()).isEqualTo("text/html; charset=UTF-8");
        assertThat(cancel.headers().firstValue("Location")).isEmpty();
        assertThat(cancel.body().replaceAll("<[^>]+>", "")).contains("You have chosen not to allow \"Example Tool\" "
                + "to access your account. \"Example Tool\" will not work unless you allow it access. You can go back "
                + "to \"Example Tool\" or manage your connected apps.Return to Main Page.");
        assertThat(submit(html, "accept", "Allow").status()).isEqualTo(302);
    }

    @Test
    void allowWhenRequestTokenUnknownThenE004() {
        Map<String, String> rt = f.initiate(f.prefix, "oob");
        String html = client.get(authorizeUrl("authorize", "0".repeat(32), f.prefix.key())).body();
        assertThat(html).contains("mw-mwoauth-authorize-form");
        WireClient.Response allow = submit(html, "accept", "Allow");
        assertThat(allow.status()).isEqualTo(200);
        assertThat(allow.body()).contains("Sorry, something went wrong connecting this application")
                .contains("<span class=\"plainlinks mw-mwoautherror-details\">OAuth token not found, <a class="
                        + "\"external\" href=\"https://www.mediawiki.org/wiki/Help:OAuth/Errors#E004\">E004</a></span>")
                .contains("mw-mwoauth-authorize-form");
        assertThat(rt).containsKey("oauth_token");
    }

    @Test
    void authorizeWhenConsumerUnknownThenE006() {
        WireClient.Response page = client.get(authorizeUrl("authorize", "0".repeat(32), "1".repeat(32)));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h1 id='firstHeading'>Application Connection Error</h1>")
                .contains("<p>Sorry, something went wrong connecting this application.\n</p><p><span class=\""
                        + "plainlinks mw-mwoautherror-details\">Unknown OAuth key, <a class=\"external\" href=\"https://"
                        + "www.mediawiki.org/wiki/Help:OAuth/Errors#E006\">E006</a></span>\n</p>")
                .doesNotContain("Go back");
        assertThat(client.get(f.wiki.indexUrl() + "?title=Special:OAuth/authorize").body()).contains("E006");
    }

    @Test
    void authorizeWhenNotLoggedInAndConsumerUnknownThenLoginFirst() {
        f.wiki.signOut();
        WireClient.Response page = client.get(authorizeUrl("authorize", "0".repeat(32), "1".repeat(32)));
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).contains("title=Special:UserLogin&returnto=Special%3AOAuth%2Fauthorize");
    }

    @Test
    void authorizeWhenOnlyRequestTokenGivenThenConsumerTakenFromIt() {
        Map<String, String> rt = f.initiate(f.prefix, "oob");
        WireClient.Response page = client.get(f.wiki.indexUrl() + "?title=Special%3AOAuth%2Fauthorize&oauth_token="
                + rt.get("oauth_token"));
        assertThat(page.body()).contains("Example Tool needs permission");
        assertThat(field(page.body(), "consumerKey")).isEqualTo(f.prefix.key());
        assertThat(submit(page.body(), "accept", "Allow").header("Location"))
                .startsWith(Fixtures.CALLBACK + "?oauth_verifier=");
    }

    @Test
    void cancelWhenNoRequestTokenNorEditTokenThenCancelPage() {
        WireClient.Response cancel = client.postForm(f.wiki.server() + "/wiki/Special:OAuth/authorize", List.of(
                Parameter.of("consumerKey", f.prefix.key()), Parameter.of("cancel", "Cancel")));
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.body()).contains("You have chosen not to allow \"Example Tool\" to access your account.");
        WireClient.Response unknown = client.postForm(f.wiki.server() + "/wiki/Special:OAuth/authorize", List.of(
                Parameter.of("consumerKey", "1".repeat(32)), Parameter.of("cancel", "Cancel")));
        assertThat(unknown.body()).contains("Application Connection Error")
                .contains("No consumer exists with the given key.");
    }

    @Test
    void allowWhenRequestTokenAlreadyExchangedThenE009WithForm() {
        Map<String, String> rt = f.initiate(f.prefix, "oob");
        String html = client.get(authorizeUrl("authorize", rt.get("oauth_token"), f.prefix.key())).body();
        String verifier = WireClient.query(submit(html, "accept", "Allow").header("Location"), "oauth_verifier");
        assertThat(f.exchange(f.prefix, rt, verifier).body()).startsWith("oauth_token=");
        WireClient.Response again = submit(html, "accept", "Allow");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("This request has already been completed and cannot be resubmitted.")
                .contains("OAuth token already used, <a class=\"external\" href=\"https://www.mediawiki.org/wiki/Help:"
                        + "OAuth/Errors#E009\">E009</a>")
                .contains("mw-mwoauth-authorize-form");
    }

    @Test
    void allowWhenOtherConsumersRequestTokenThenE004() {
        Map<String, String> rt = f.initiate(f.oob, "oob");
        String html = client.get(authorizeUrl("authorize", rt.get("oauth_token"), f.prefix.key())).body();
        assertThat(submit(html, "accept", "Allow").body()).contains("OAuth token not found").contains("E004");
    }

    @Test
    void authenticateWhenIdentityOnlyAlreadyAuthorizedThenSkipsPrompt() {
        Map<String, String> first = f.initiate(f.identityOnly, "oob");
        String html = client.get(authorizeUrl("authenticate", first.get("oauth_token"), f.identityOnly.key())).body();
        assertThat(html).contains("mw-mwoauth-authorize-form");
        String verifier = WireClient.query(submit(html, "accept", "Allow").header("Location"), "oauth_verifier");
        f.exchange(f.identityOnly, first, verifier);
        Map<String, String> second = f.initiate(f.identityOnly, "oob");
        WireClient.Response skip = client.get(authorizeUrl("authenticate", second.get("oauth_token"),
                f.identityOnly.key()));
        assertThat(skip.status()).isEqualTo(302);
        assertThat(skip.header("Location")).startsWith(Fixtures.CALLBACK + "?oauth_verifier=")
                .endsWith("&oauth_token=" + second.get("oauth_token"));
        // authorize always prompts
        assertThat(client.get(authorizeUrl("authorize", second.get("oauth_token"), f.identityOnly.key())).status())
                .isEqualTo(200);
    }

    @Test
    void authenticateWhenRealGrantsThenPromptsEveryTime() {
        f.handshake(f.prefix, "Alice");
        Map<String, String> rt = f.initiate(f.prefix, "oob");
        WireClient.Response page = client.get(authorizeUrl("authenticate", rt.get("oauth_token"), f.prefix.key()));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("mw-mwoauth-authorize-form");
    }

    @Test
    void authorizeWhenNotLoggedInThenRedirectToLogin() {
        f.wiki.signOut();
        Map<String, String> rt = f.initiate(f.prefix, "oob");
        WireClient.Response page = client.get(authorizeUrl("authorize", rt.get("oauth_token"), f.prefix.key()));
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).isEqualTo(f.wiki.indexUrl() + "?title=Special:UserLogin&returnto="
                + "Special%3AOAuth%2Fauthorize&returntoquery=oauth_token%3D" + rt.get("oauth_token")
                + "%26oauth_consumer_key%3D" + f.prefix.key() + "&warning=mwoauth-login-required-reason");
    }

    @Test
    void authorizeWhenAsParameterOrCookieThenThatUser() {
        f.wiki.signOut();
        Map<String, String> rt = f.initiate(f.prefix, "oob");
        WireClient.Response page = client.get(authorizeUrl("authorize", rt.get("oauth_token"), f.prefix.key())
                + "&as=Bob");
        assertThat(page.body()).contains("Hi Bob, In order");
        assertThat(page.header("Set-Cookie")).startsWith("localwiki_user=Bob");
        WireClient.Response byCookie = client.get(authorizeUrl("authorize", rt.get("oauth_token"),
                f.prefix.key()), "Cookie", "localwiki_user=Bob");
        assertThat(byCookie.body()).contains("Hi Bob, In order");
    }

    @Test
    void loginWhenPostedThenCookieAndBackToReturnTo() {
        f.wiki.signOut();
        WireClient.Response login = client.postForm(f.wiki.indexUrl() + "?title=Special:UserLogin&returnto="
                + "Special%3AOAuth%2Fauthorize&returntoquery=oauth_token%3Dabc", List.of(Parameter.of("wpName", "Bob")));
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Set-Cookie")).startsWith("localwiki_user=Bob");
        assertThat(login.header("Location")).isEqualTo(f.wiki.indexUrl()
                + "?title=Special%3AOAuth%2Fauthorize&oauth_token=abc");
    }

    @Test
    void verifiedWhenVisitedThenShowsVerifier() {
        WireClient.Response page = client.get(f.wiki.server() + "/wiki/Special:OAuth/verified?oauth_verifier=abc"
                + "&oauth_token=def");
        assertThat(page.body()).contains("abc");
    }

    @Test
    void manageMyGrantsWhenDeauthorizedThenTokenRevokedAndNewOneIssued() {
        io.github.mwoauth.oauth1.AccessToken before = f.handshake(f.prefix, "Alice");
        String list = client.get(f.wiki.server() + "/wiki/Special:OAuthManageMyGrants").body();
        Matcher link = Pattern.compile("/wiki/Special:OAuthManageMyGrants/revoke/(\\d+)").matcher(list);
        assertThat(link.find()).isTrue();
        String formPage = client.get(f.wiki.server() + link.group()).body();
        WireClient.Response revoked = client.postForm(f.wiki.server() + link.group(), List.of(
                Parameter.of("title", field(formPage, "title")), Parameter.of("wpEditToken", field(formPage,
                        "wpEditToken")), Parameter.of("wpacceptanceId", link.group(1)),
                Parameter.of("renounce", "Deauthorize")));
        assertThat(revoked.body()).contains("The application's access to your account has been revoked.");
        assertThat(client.signedPost(f.identifyUrl(), Fixtures.withToken(f.prefix, before)).body())
                .contains("mwoauthdatastore-access-token-not-found");
        assertThat(f.handshake(f.prefix, "Alice").key()).isNotEqualTo(before.key());
    }
}
