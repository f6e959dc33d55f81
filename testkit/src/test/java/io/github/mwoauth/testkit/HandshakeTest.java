package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.oauth1.OAuth1Credentials;
import io.github.mwoauth.http.Parameter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Special:OAuth/initiate and /token as in §1 and §3 of the wire notes. */
class HandshakeTest extends WikiTest {

    static final String HEX32 = "[0-9a-f]{32}";
    static final String HEX40 = "[0-9a-f]{40}";
    static final String PROTOCOL = "Error: An error occurred in the OAuth protocol: ";
    static final String E004 = "Error: Sorry, something went wrong connecting this application.\nGo back and try to "
            + "connect your account again, or contact the application author.\n\n&lt;span class=&quot;plainlinks "
            + "mw-mwoautherror-details&quot;&gt;OAuth token not found, <a class=\"external\" href=\"https://www."
            + "mediawiki.org/wiki/Help:OAuth/Errors#E004\">E004</a>&lt;/span&gt;";

    @Test
    void initiateWhenSignedHeaderThenTokenBodyAndNoStore() {
        WireClient.Response r = client.signedPost(f.initiateUrl(), Fixtures.consumerOnly(f.oob),
                Parameter.of("oauth_callback", "oob"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("text/plain;charset=UTF-8");
        assertThat(r.body()).matches("oauth_token=" + HEX32 + "&oauth_token_secret=" + HEX32
                + "&oauth_callback_confirmed=true");
        assertThat(r.header("Cache-Control")).isEqualTo("no-cache, no-store, max-age=0, must-revalidate");
        assertThat(r.header("Expires")).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
        assertThat(r.header("Pragma")).isEqualTo("no-cache");
        assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void initiateWhenGetThenSameAsPost() {
        WireClient.Response r = client.signedGet(f.initiateUrl(), Fixtures.consumerOnly(f.oob),
                Parameter.of("oauth_callback", "oob"));
        assertThat(r.body()).startsWith("oauth_token=");
    }

    @Test
    void initiateWhenFormatJsonThenKeySecretAndStringTrue() {
        String url = f.initiateUrl() + "&format=json";
        WireClient.Response r = client.signedPost(url, Fixtures.consumerOnly(f.oob),
                Parameter.of("oauth_callback", "oob"));
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.body()).matches("\\{\"key\":\"" + HEX32 + "\",\"secret\":\"" + HEX32
                + "\",\"oauth_callback_confirmed\":\"true\"}");
    }

    @Test
    void initiateWhenOAuthParamsInQueryThenAccepted() {
        String url = f.initiateUrl() + "&oauth_callback=oob";
        String header = client.sign("GET", url, List.of(), Fixtures.consumerOnly(f.oob));
        // move the header parameters into the query string (signature_type=query)
        StringBuilder query = new StringBuilder(url);
        for (String part : header.substring("OAuth ".length()).split(", ")) {
            String[] kv = part.split("=", 2);
            query.append('&').append(kv[0]).append('=').append(kv[1], 1, kv[1].length() - 1);
        }
        WireClient.Response r = client.get(query.toString());
        assertThat(r.body()).startsWith("oauth_token=");
    }

    @Test
    void initiateWhenOAuthParamsInFormBodyThenAccepted() {
        String header = client.sign("POST", f.initiateUrl(), List.of(), Fixtures.consumerOnly(f.oob),
                Parameter.of("oauth_callback", "oob"));
        StringBuilder body = new StringBuilder();
        for (String part : header.substring("OAuth ".length()).split(", ")) {
            String[] kv = part.split("=", 2);
            body.append(body.length() == 0 ? "" : "&").append(kv[0]).append('=')
                    .append(kv[1], 1, kv[1].length() - 1);
        }
        WireClient.Response r = client.post(f.initiateUrl(), WireClient.FORM, body.toString());
        assertThat(r.body()).startsWith("oauth_token=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/w/index.php?title=Special:OAuth/initiate", "/w/index.php?title=Special%3AOAuth%2Finitiate",
            "/wiki/Special:OAuth/initiate", "/w/index.php/Special:OAuth/initiate",
            "/w/index.php?title=special:OAuth/initiate"})
    void initiateWhenAnyUrlFormThenAccepted(String path) {
        WireClient.Response r = client.signedPost(f.wiki.server() + path, Fixtures.consumerOnly(f.oob),
                Parameter.of("oauth_callback", "oob"));
        assertThat(r.body()).startsWith("oauth_token=");
    }

    @Test
    void initiateWhenPlaintextThenNotSupported() {
        String header = "OAuth oauth_consumer_key=\"" + f.oob.key() + "\", oauth_nonce=\"n1\", oauth_timestamp=\""
                + clock.instant().getEpochSecond() + "\", oauth_signature_method=\"PLAINTEXT\", "
                + "oauth_callback=\"oob\", oauth_signature=\"" + f.oob.secret() + "%26\"";
        WireClient.Response r = client.post(f.initiateUrl(), "", "", "Authorization", header);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(PROTOCOL + "Signature method &#039;PLAINTEXT&#039; not supported try one "
                + "of the following: HMAC-SHA1, RSA-SHA1");
    }

    @Test
    void initiateWhenUnknownConsumerThenInvalidConsumer() {
        OAuth1Credentials unknown = OAuth1Credentials.consumerOnly("0".repeat(32), "1".repeat(40));
        WireClient.Response r = client.signedPost(f.initiateUrl(), unknown, Parameter.of("oauth_callback", "oob"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("text/plain;charset=UTF-8");
        assertThat(r.body()).isEqualTo(PROTOCOL + "Invalid consumer");
        WireClient.Response json = client.signedPost(f.initiateUrl() + "&format=json", unknown,
                Parameter.of("oauth_callback", "oob"));
        assertThat(json.contentType()).isEqualTo("application/json");
        assertThat(json.body()).isEqualTo("{\"error\":\"mwoauth-oauth-exception\",\"message\":\"An error occurred "
                + "in the OAuth protocol: Invalid consumer\"}");
    }

    @Test
    void initiateWhenNoOAuthParamsThenInvalidConsumerKey() {
        assertThat(client.get(f.initiateUrl()).body()).isEqualTo(PROTOCOL + "Invalid consumer key");
    }

    @Test
    void initiateWhenWrongSecretThenInvalidSignature() {
        OAuth1Credentials wrong = OAuth1Credentials.consumerOnly(f.oob.key(), "f".repeat(40));
        WireClient.Response r = client.signedPost(f.initiateUrl(), wrong, Parameter.of("oauth_callback", "oob"));
        assertThat(r.body()).isEqualTo(PROTOCOL + "Invalid signature");
        WireClient.Response json = client.signedPost(f.initiateUrl() + "&format=json", wrong,
                Parameter.of("oauth_callback", "oob"));
        assertThat(json.body()).isEqualTo("{\"error\":\"mwoauth-oauth-exception\",\"message\":\"An error occurred "
                + "in the OAuth protocol: Invalid signature\"}");
    }

    @Test
    void initiateWhenSignedForLocalhostThenInvalidSignature() {
        String url = "http://localhost:" + f.wiki.port() + "/w/index.php?title=Special%3AOAuth%2Finitiate";
        WireClient.Response r = client.signedPost(url, Fixtures.consumerOnly(f.oob),
                Parameter.of("oauth_callback", "oob"));
        assertThat(r.body()).isEqualTo(PROTOCOL + "Invalid signature");
    }

    @Test
    void initiateWhenTimestampOutsideWindowThenExpired() {
        MutableClock past = MutableClock.at(clock.instant().minus(Duration.ofDays(1)));
        WireClient.Response r = new WireClient(past).signedPost(f.initiateUrl(), Fixtures.consumerOnly(f.oob),
                Parameter.of("oauth_callback", "oob"));
        assertThat(r.body()).isEqualTo(PROTOCOL + "Expired timestamp, yours " + past.instant().getEpochSecond()
                + ", ours " + clock.instant().getEpochSecond());
        MutableClock future = MutableClock.at(clock.instant().plus(Duration.ofSeconds(301)));
        assertThat(new WireClient(future).signedPost(f.initiateUrl(), Fixtures.consumerOnly(f.oob),
                Parameter.of("oauth_callback", "oob")).body()).startsWith(PROTOCOL + "Expired timestamp");
    }

    @Test
    void initiateWhenTimestamp290SecondsOldThenAccepted() {
        MutableClock past = MutableClock.at(clock.instant().minus(Duration.ofSeconds(290)));
        assertThat(new WireClient(past).signedPost(f.initiateUrl(), Fixtures.consumerOnly(f.oob),
                Parameter.of("oauth_callback", "oob")).body()).startsWith("oauth_token=");
    }

    @Test
    void initiateWhenSameSignedRequestTwiceThenNonceAlreadyUsed() {
        String header = client.sign("POST", f.initiateUrl(), List.of(), Fixtures.consumerOnly(f.oob),
                Parameter.of("oauth_callback", "oob"));
        assertThat(client.post(f.initiateUrl(), "", "", "Authorization", header).body()).startsWith("oauth_token=");
        String nonce = header.replaceAll(".*oauth_nonce=\"([^\"]+)\".*", "$1");
        assertThat(client.post(f.initiateUrl(), "", "", "Authorization", header).body())
                .isEqualTo(PROTOCOL + "Nonce already used: " + nonce);
    }

    @Test
    void initiateWhenOobConsumerSendsUrlThenMustBeOob() {
        WireClient.Response r = client.signedPost(f.initiateUrl(), Fixtures.consumerOnly(f.oob),
                Parameter.of("oauth_callback", Fixtures.CALLBACK));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("Error: oauth_callback must be set, and must be set to &quot;oob&quot; "
                + "(case-sensitive)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oob", Fixtures.CALLBACK, Fixtures.CALLBACK + "?next=%2Fafter",
            Fixtures.CALLBACK + "/sub?next=%2Fafter"})
    void initiateWhenPrefixConsumerAndMatchingCallbackThenAccepted(String callback) {
        assertThat(f.initiate(f.prefix, callback)).containsKey("oauth_token");
    }

    @Test
    void initiateWhenPrefixConsumerAndForeignOrMissingCallbackThenPrefixError() {
        String expected = "Error: oauth_callback must be set, and must be set to &quot;oob&quot; (case-sensitive), "
                + "or the configured callback must be a prefix of the supplied callback.";
        assertThat(client.signedPost(f.initiateUrl(), Fixtures.consumerOnly(f.prefix),
                Parameter.of("oauth_callback", "http://evil.example/oauth-callback")).body()).isEqualTo(expected);
        assertThat(client.signedPost(f.initiateUrl(), Fixtures.consumerOnly(f.prefix)).body()).isEqualTo(expected);
    }

    @Test
    void tokenWhenApprovedThenAccessTokenAnd40HexSecret() {
        Map<String, String> rt = f.initiate(f.oob, "oob");
        Approval approval = f.wiki.approve(rt.get("oauth_token"), "Alice");
        assertThat(approval.verifier()).matches(HEX32);
        assertThat(approval.callbackUrl()).isEqualTo(Fixtures.CALLBACK + "?oauth_verifier=" + approval.verifier()
                + "&oauth_token=" + rt.get("oauth_token"));
        WireClient.Response r = f.exchange(f.oob, rt, approval.verifier());
        assertThat(r.contentType()).isEqualTo("text/plain;charset=UTF-8");
        assertThat(r.body()).matches("oauth_token=" + HEX32 + "&oauth_token_secret=" + HEX40
                + "&oauth_callback_confirmed=true");
    }

    @Test
    void tokenWhenPrefixCallbackWithQueryThenParamsAppended() {
        Map<String, String> rt = f.initiate(f.prefix, Fixtures.CALLBACK + "/sub?next=%2Fafter");
        Approval approval = f.wiki.approve(rt.get("oauth_token"), "Alice");
        assertThat(approval.callbackUrl()).isEqualTo(Fixtures.CALLBACK + "/sub?next=%2Fafter&oauth_verifier="
                + approval.verifier() + "&oauth_token=" + rt.get("oauth_token"));
        assertThat(approval.callbackQuery()).startsWith("oauth_verifier=");
    }

    @Test
    void tokenWhenVerifierReusedThenE009() {
        Map<String, String> rt = f.initiate(f.oob, "oob");
        Approval approval = f.wiki.approve(rt.get("oauth_token"), "Alice");
        assertThat(f.exchange(f.oob, rt, approval.verifier()).body()).startsWith("oauth_token=");
        WireClient.Response again = f.exchange(f.oob, rt, approval.verifier());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("Error: This request has already been completed and cannot be "
                + "resubmitted.\nGo back to the application and try to connect your account again, or contact the "
                + "application author.\n\n&lt;span class=&quot;plainlinks mw-mwoautherror-details&quot;&gt;OAuth "
                + "token already used, <a class=\"external\" href=\"https://www.mediawiki.org/wiki/Help:OAuth/"
                + "Errors#E009\">E009</a>&lt;/span&gt;");
        WireClient.Response json = client.signedPost(f.tokenUrl() + "&format=json", Fixtures.withToken(f.oob,
                rt.get("oauth_token"), rt.get("oauth_token_secret")), Parameter.of("oauth_verifier",
                approval.verifier()));
        assertThat(json.body()).isEqualTo("{\"error\":\"mwoauthdatastore-request-token-already-used\",\"message\":"
                + "\"This request has already been completed and cannot be resubmitted.\\nGo back to the application "
                + "and try to connect your account again, or contact the application author.\\n\\n\\u003Cspan "
                + "class=\\\"plainlinks mw-mwoautherror-details\\\"\\u003EOAuth token already used, \\u003Ca "
                + "class=\\\"external\\\" href=\\\"https://www.mediawiki.org/wiki/Help:OAuth/Errors#E009\\\"\\u003E"
                + "E009\\u003C/a\\u003E\\u003C/span\\u003E\"}");
    }

    @Test
    void tokenWhenWrongVerifierThenNotValidAndTokenNotBurned() {
        Map<String, String> rt = f.initiate(f.oob, "oob");
        Approval approval = f.wiki.approve(rt.get("oauth_token"), "Alice");
        assertThat(f.exchange(f.oob, rt, "0".repeat(32)).body())
                .isEqualTo("Error: The verification code provided was not valid.");
        assertThat(f.exchange(f.oob, rt, approval.verifier()).body()).startsWith("oauth_token=");
    }

    @Test
    void tokenWhenNeverAuthorizedOrNoVerifierThenBadToken() {
        Map<String, String> rt = f.initiate(f.oob, "oob");
        assertThat(f.exchange(f.oob, rt, "0".repeat(32)).body())
                .isEqualTo("Error: No token was found matching your request.");
        assertThat(client.signedPost(f.tokenUrl() + "&format=json", Fixtures.withToken(f.oob, rt.get("oauth_token"),
                rt.get("oauth_token_secret")), Parameter.of("oauth_verifier", "0".repeat(32))).body())
                .isEqualTo("{\"error\":\"mwoauthdatastore-bad-token\",\"message\":\"No token was found matching your "
                        + "request.\"}");
        f.wiki.approve(rt.get("oauth_token"), "Alice");
        WireClient.Response noVerifier = client.signedPost(f.tokenUrl(), Fixtures.withToken(f.oob,
                rt.get("oauth_token"), rt.get("oauth_token_secret")));
        assertThat(noVerifier.body()).isEqualTo("Error: No token was found matching your request.");
    }

    @Test
    void tokenWhenRequestTokenUnknownOrOtherConsumersThenE004() {
        Map<String, String> rt = f.initiate(f.oob, "oob");
        Approval approval = f.wiki.approve(rt.get("oauth_token"), "Alice");
        WireClient.Response unknown = client.signedPost(f.tokenUrl(), Fixtures.withToken(f.oob, "0".repeat(32),
                "1".repeat(32)), Parameter.of("oauth_verifier", approval.verifier()));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.body()).isEqualTo(E004);
        WireClient.Response otherConsumer = client.signedPost(f.tokenUrl(), Fixtures.withToken(f.prefix,
                rt.get("oauth_token"), rt.get("oauth_token_secret")), Parameter.of("oauth_verifier",
                approval.verifier()));
        assertThat(otherConsumer.body()).isEqualTo(E004);
        WireClient.Response json = client.signedPost(f.tokenUrl() + "&format=json", Fixtures.withToken(f.prefix,
                rt.get("oauth_token"), rt.get("oauth_token_secret")), Parameter.of("oauth_verifier",
                approval.verifier()));
        // FormatJson::encode escapes < > & as \u003C \u003E \u0026 and leaves slashes alone
        assertThat(json.body()).isEqualTo("{\"error\":\"mwoauthdatastore-request-token-not-found\",\"message\":"
                + "\"Sorry, something went wrong connecting this application.\\nGo back and try to connect your "
                + "account again, or contact the application author.\\n\\n\\u003Cspan class=\\\"plainlinks "
                + "mw-mwoautherror-details\\\"\\u003EOAuth token not found, \\u003Ca class=\\\"external\\\" "
                + "href=\\\"https://www.mediawiki.org/wiki/Help:OAuth/Errors#E004\\\"\\u003EE004\\u003C/a\\u003E"
                + "\\u003C/span\\u003E\"}");
        // the rightful consumer still exchanges it
        assertThat(f.exchange(f.oob, rt, approval.verifier()).body()).startsWith("oauth_token=");
    }

    @Test
    void tokenWhenRequestTokenOlderThan600SecondsSinceAllowThenE004() {
        Map<String, String> rt = f.initiate(f.oob, "oob");
        Approval approval = f.wiki.approve(rt.get("oauth_token"), "Alice");
        clock.advance(Duration.ofSeconds(600));
        assertThat(f.exchange(f.oob, rt, approval.verifier()).body()).isEqualTo(E004);
        assertThatThrownBy(() -> f.wiki.approve(rt.get("oauth_token"), "Alice"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenWhenAllowedLateThenRequestTokenLives600SecondsFromAllow() {
        Map<String, String> rt = f.initiate(f.oob, "oob");
        clock.advance(Duration.ofSeconds(500));
        Approval approval = f.wiki.approve(rt.get("oauth_token"), "Alice");
        clock.advance(Duration.ofSeconds(500));
        // 1000 s after initiate, 500 s after Allow
        assertThat(f.exchange(f.oob, rt, approval.verifier()).body()).startsWith("oauth_token=");
    }

    @Test
    void tokenWhenReusedThenE009For600SecondsThenE004() {
        Map<String, String> rt = f.initiate(f.oob, "oob");
        Approval approval = f.wiki.approve(rt.get("oauth_token"), "Alice");
        clock.advance(Duration.ofSeconds(300));
        assertThat(f.exchange(f.oob, rt, approval.verifier()).body()).startsWith("oauth_token=");
        clock.advance(Duration.ofSeconds(599));
        assertThat(f.exchange(f.oob, rt, approval.verifier()).body()).contains("OAuth token already used")
                .contains("E009");
        assertThatThrownBy(() -> f.wiki.approve(rt.get("oauth_token"), "Alice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exchanged");
        clock.advance(Duration.ofSeconds(1));
        assertThat(f.exchange(f.oob, rt, approval.verifier()).body()).isEqualTo(E004);
    }

    @Test
    void tokenWhenGrantRevokedBetweenAllowAndExchangeThenNoGrant() {
        Map<String, String> rt = f.initiate(f.oob, "oob");
        Approval approval = f.wiki.approve(rt.get("oauth_token"), "Alice");
        // the grant is saved when the user presses Allow
        assertThat(f.wiki.revoke("Alice", f.oob)).isTrue();
        assertThat(f.exchange(f.oob, rt, approval.verifier()).body())
                .isEqualTo("Error: No approved grant was found for that authorization token.");
    }

    @Test
    void initiateAndTokenWhenOwnerOnlyConsumerThenE010BeforeOtherChecks() {
        Consumer bot = f.wiki.registerOwnerOnlyConsumer("Bot & Co", "Alice");
        String e010 = "Error: &quot;Bot &amp; Co&quot; is an owner-only Connected App. To fetch the access token, "
                + "see [[Special:OAuthConsumerRegistration/update/" + bot.key() + "]].\n\n&lt;span class=&quot;"
                + "plainlinks mw-mwoautherror-details&quot;&gt;Consumer is owner-only, <a class=\"external\" href=\""
                + "https://www.mediawiki.org/wiki/Help:OAuth/Errors#E010\">E010</a>&lt;/span&gt;";
        OAuth1Credentials wrongSecret = OAuth1Credentials.consumerOnly(bot.key(), "0".repeat(40));
        assertThat(client.signedPost(f.initiateUrl(), wrongSecret, Parameter.of("oauth_callback", "oob")).body())
                .isEqualTo(e010);
        WireClient.Response token = client.signedPost(f.tokenUrl(), new OAuth1Credentials(bot.key(), bot.secret(),
                "0".repeat(32), "1".repeat(32)), Parameter.of("oauth_verifier", "2".repeat(32)));
        assertThat(token.body()).isEqualTo(e010);
        WireClient.Response json = client.signedPost(f.initiateUrl() + "&format=json",
                Fixtures.consumerOnly(bot), Parameter.of("oauth_callback", "oob"));
        assertThat(json.body()).startsWith("{\"error\":\"mwoauthserver-consumer-owner-only\",\"message\":\"\\\"Bot "
                + "\\u0026 Co\\\" is an owner-only Connected App.").contains("E010");
    }

    @Test
    void tokenWhenRequestToken599SecondsOldThenAccepted() {
        Map<String, String> rt = f.initiate(f.oob, "oob");
        Approval approval = f.wiki.approve(rt.get("oauth_token"), "Alice");
        clock.advance(Duration.ofSeconds(599));
        assertThat(f.exchange(f.oob, rt, approval.verifier()).body()).startsWith("oauth_token=");
    }

    @Test
    void tokenWhenSameUserAndConsumerThenSameAccessTokenUntilRevoked() {
        AccessToken first = f.handshake(f.prefix, "Alice");
        AccessToken second = f.handshake(f.prefix, "Alice");
        assertThat(second).isEqualTo(first);
        assertThat(f.handshake(f.prefix, "Bob")).isNotEqualTo(first);
        assertThat(f.wiki.revoke("Alice", f.prefix)).isTrue();
        AccessToken third = f.handshake(f.prefix, "Alice");
        assertThat(third.key()).isNotEqualTo(first.key());
        assertThat(f.wiki.revoke("Alice", f.prefix)).isTrue();
        assertThat(f.wiki.revoke("Alice", f.prefix)).isFalse();
    }

    @Test
    void denyWhenCalledThenRequestTokenStaysValid() {
        Map<String, String> rt = f.initiate(f.oob, "oob");
        f.wiki.deny(rt.get("oauth_token"));
        Approval approval = f.wiki.approve(rt.get("oauth_token"), "Alice");
        assertThat(f.exchange(f.oob, rt, approval.verifier()).body()).startsWith("oauth_token=");
        assertThatThrownBy(() -> f.wiki.deny("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
