package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.oauth1.OAuth1Credentials;
import io.github.mwoauth.http.Parameter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** api.php signed with OAuth 1.0a (§5). */
class ApiPhpTest extends WikiTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String INVALID = "The authorization headers in your request are not valid: ";

    AccessToken alice;

    @BeforeEach
    void setUp() {
        alice = f.handshake(f.prefix, "Alice");
    }

    String api(String query) {
        return f.wiki.apiUrl() + "?" + query;
    }

    OAuth1Credentials aliceCredentials() {
        return Fixtures.withToken(f.prefix, alice);
    }

    static JsonNode json(WireClient.Response r) {
        return JSON.readTree(r.body());
    }

    void assertApiError(WireClient.Response r, String code, String info) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(r.header("MediaWiki-API-Error")).isEqualTo(code);
        JsonNode error = json(r).get("error");
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(error.get("info").asString()).isEqualTo(info);
        assertThat(error.get("*").asString()).startsWith("See " + f.wiki.apiUrl() + " for API usage.");
    }

    @Test
    void apiWhenNoFormatThenJsonfmHtmlPage() {
        WireClient.Response r = client.signedGet(api("action=query&meta=userinfo"), aliceCredentials());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(r.body()).startsWith("<!DOCTYPE html>").contains("<title>MediaWiki API result")
                .contains("This is the HTML representation of the JSON format.")
                .contains("<pre class=\"api-pretty-content\">{\n    \"batchcomplete\": \"\",\n    \"query\": {\n"
                        + "        \"userinfo\": {\n            \"id\": " + f.wiki.user("Alice").id() + ",\n"
                        + "            \"name\": \"Alice\"\n        }\n    }\n}</pre>");
        WireClient.Response error = client.get(api("action=frob%3Cnicate"));
        assertThat(error.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(error.header("MediaWiki-API-Error")).isEqualTo("badvalue");
        assertThat(error.body()).contains("\"info\": \"Unrecognized value for parameter \\\"action\\\": frob&lt;nicate.\"");
    }

    @Test
    void apiWhenNonAsciiThenEscapedInFormatversion1UnlessUtf8() {
        String info = "Unrecognized value for parameter \\\"action\\\": Zo";
        assertThat(client.get(api("action=Zo%C3%AB%E2%80%A8%F0%9F%98%80%3C%26&format=json")).body())
                .contains("\"info\":\"" + info + "\\u00eb\\u2028\\ud83d\\ude00<&.\"");
        assertThat(client.get(api("action=Zo%C3%AB%E2%80%A8%F0%9F%98%80%3C%26&format=json&utf8=1")).body())
                .contains("\"info\":\"" + info + "\u00eb\\u2028\ud83d\ude00<&.\"");
        assertThat(client.get(api("action=Zo%C3%AB%E2%80%A8%F0%9F%98%80%3C%26&format=json&formatversion=2")).body())
                .contains("\"info\":\"" + info + "\u00eb\\u2028\ud83d\ude00<&.\"");
        assertThat(client.get(api("action=Zo%C3%AB%E2%80%A8%F0%9F%98%80%3C%26&format=json&formatversion=2&ascii=1"))
                .body()).contains("\"info\":\"" + info + "\\u00eb\\u2028\\ud83d\\ude00<&.\"");
    }

    @Test
    void userinfoWhenSignedThenUser() {
        WireClient.Response r = client.signedGet(api("action=query&meta=userinfo&format=json"), aliceCredentials());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(r.body()).isEqualTo("{\"batchcomplete\":\"\",\"query\":{\"userinfo\":{\"id\":"
                + f.wiki.user("Alice").id() + ",\"name\":\"Alice\"}}}");
    }

    @Test
    void userinfoWhenRightsRequestedThenNarrowedToGrants() {
        JsonNode info = json(client.signedGet(api("action=query&meta=userinfo&uiprop=rights%7Cgroups%7Ceditcount"
                + "&format=json"), aliceCredentials())).get("query").get("userinfo");
        assertThat(info.get("rights").toString()).contains("\"read\"", "\"edit\"", "\"writeapi\"", "\"minoredit\"",
                "\"purge\"").doesNotContain("\"createaccount\"", "\"createpage\"", "\"sendemail\"");
        assertThat(info.get("groups").toString()).isEqualTo("[\"*\",\"user\",\"autoconfirmed\"]");
        assertThat(info.get("editcount").asLong()).isZero();
    }

    @Test
    void userinfoWhenFormatversion2ThenBooleans() {
        assertThat(client.get(api("action=query&meta=userinfo&format=json&formatversion=2")).body())
                .isEqualTo("{\"batchcomplete\":true,\"query\":{\"userinfo\":{\"id\":0,\"name\":\"127.0.0.1\","
                        + "\"anon\":true}}}");
    }

    @Test
    void apiWhenOAuthParamsInQueryWithoutHeaderThenAnonymousWithWarning() {
        String url = api("action=query&meta=userinfo&format=json");
        String header = client.sign("GET", url, List.of(), aliceCredentials());
        StringBuilder query = new StringBuilder(url);
        for (String name : List.of("oauth_nonce", "oauth_timestamp", "oauth_version", "oauth_signature_method",
                "oauth_consumer_key", "oauth_token", "oauth_signature")) {
            String value = header.replaceAll(".*" + name + "=\"([^\"]+)\".*", "$1");
            query.append('&').append(name).append('=').append(value);
        }
        assertThat(client.get(query.toString()).body()).isEqualTo("{\"warnings\":{\"main\":{\"*\":\"Unrecognized "
                + "parameters: oauth_nonce, oauth_timestamp, oauth_version, oauth_signature_method, oauth_consumer_key, "
                + "oauth_token, oauth_signature.\"}},\"batchcomplete\":\"\",\"query\":{\"userinfo\":{\"id\":0,"
                + "\"name\":\"127.0.0.1\",\"anon\":\"\"}}}");
    }

    @Test
    void apiWhenFormBodySignedThenAccepted() {
        List<Parameter> form = List.of(Parameter.of("action", "query"), Parameter.of("meta", "userinfo"),
                Parameter.of("format", "json"));
        WireClient.Response r = client.signedPostForm(f.wiki.apiUrl(), form, aliceCredentials());
        assertThat(json(r).get("query").get("userinfo").get("name").asString()).isEqualTo("Alice");
    }

    @Test
    void apiWhenFormBodyNotSignedThenInvalidSignature() {
        List<Parameter> form = List.of(Parameter.of("action", "query"), Parameter.of("meta", "userinfo"),
                Parameter.of("format", "json"));
        String header = client.sign("POST", f.wiki.apiUrl(), List.of(), aliceCredentials());
        assertApiError(client.postForm(f.wiki.apiUrl(), form, "Authorization", header),
                "mwoauth-invalid-authorization", INVALID + "Invalid signature");
    }

    @Test
    void apiWhenMultipartBodyWithHeaderThenAcceptedUnsigned() {
        String boundary = "XyZzY";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\nquery\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"meta\"\r\n\r\nuserinfo\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\njson\r\n--" + boundary + "--\r\n";
        String header = client.sign("POST", f.wiki.apiUrl(), List.of(), aliceCredentials());
        WireClient.Response r = client.post(f.wiki.apiUrl(), "multipart/form-data; boundary=" + boundary, body,
                "Authorization", header);
        assertThat(json(r).get("query").get("userinfo").get("name").asString()).isEqualTo("Alice");
    }

    @Test
    void apiWhenAuthorizationFailsThenReasons() {
        String url = api("action=query&meta=userinfo&format=json");
        assertApiError(client.signedGet(url, Fixtures.withToken(f.prefix, "0".repeat(32), "0".repeat(40))),
                "mwoauth-invalid-authorization", INVALID + "No approved grant was found for that authorization token.");
        assertApiError(client.signedGet(url, Fixtures.withToken(f.prefix, alice.key(), "0".repeat(40))),
                "mwoauth-invalid-authorization", INVALID + "Invalid signature");
        assertApiError(client.signedGet(url, new OAuth1Credentials("0".repeat(32), "0".repeat(40), alice.key(),
                alice.secret())), "mwoauth-invalid-authorization", INVALID + "Invalid consumer");
        String localhost = "http://localhost:" + f.wiki.port() + "/w/api.php?action=query&meta=userinfo&format=json";
        assertApiError(client.signedGet(localhost, aliceCredentials()), "mwoauth-invalid-authorization",
                INVALID + "Invalid signature");
    }

    @Test
    void apiWhenNonceReplayedOrTimestampExpiredThenReasons() {
        String url = api("action=query&meta=userinfo&format=json");
        String header = client.sign("GET", url, List.of(), aliceCredentials());
        assertThat(client.get(url, "Authorization", header).body()).contains("\"name\":\"Alice\"");
        String nonce = header.replaceAll(".*oauth_nonce=\"([^\"]+)\".*", "$1");
        assertApiError(client.get(url, "Authorization", header), "mwoauth-invalid-authorization",
                INVALID + "Nonce already used: " + nonce);
        MutableClock old = MutableClock.at(clock.instant().minus(Duration.ofHours(1)));
        assertApiError(new WireClient(old).signedGet(url, aliceCredentials()), "mwoauth-invalid-authorization",
                INVALID + "Expired timestamp, yours " + old.instant().getEpochSecond() + ", ours "
                        + clock.instant().getEpochSecond());
        MutableClock slightlyOld = MutableClock.at(clock.instant().minus(Duration.ofSeconds(290)));
        assertThat(new WireClient(slightlyOld).signedGet(url, aliceCredentials()).body()).contains("Alice");
    }

    @Test
    void apiWhenRequestTokenUsedAsAccessTokenThenNoGrant() {
        var rt = f.initiate(f.prefix, "oob");
        assertApiError(client.signedGet(api("action=query&meta=userinfo&format=json"), Fixtures.withToken(f.prefix,
                rt.get("oauth_token"), rt.get("oauth_token_secret"))), "mwoauth-invalid-authorization",
                INVALID + "No approved grant was found for that authorization token.");
    }

    @Test
    void apiWhenRevokedThenNoGrant() {
        f.wiki.revoke("Alice", f.prefix);
        assertApiError(client.signedGet(api("action=query&meta=userinfo&format=json"), aliceCredentials()),
                "mwoauth-invalid-authorization", INVALID + "No approved grant was found for that authorization token.");
    }

    @Test
    void apiWhenErrorformatPlaintextOrFormatversion2ThenOtherShapes() {
        OAuth1Credentials bad = Fixtures.withToken(f.prefix, "0".repeat(32), "0".repeat(40));
        JsonNode plain = json(client.signedGet(api("action=query&meta=userinfo&format=json&formatversion=2"
                + "&errorformat=plaintext"), bad));
        assertThat(plain.get("errors").get(0).get("code").asString()).isEqualTo("mwoauth-invalid-authorization");
        assertThat(plain.get("errors").get(0).get("text").asString()).isEqualTo(INVALID
                + "No approved grant was found for that authorization token.");
        assertThat(plain.get("docref").asString()).startsWith("See ");
        JsonNode v2 = json(client.signedGet(api("action=query&meta=userinfo&format=json&formatversion=2"), bad));
        assertThat(v2.get("error").get("docref").asString()).startsWith("See ");
    }

    @Test
    void identityOnlyTokenWhenApiThenReadapidenied() {
        AccessToken who = f.handshake(f.identityOnly, "Alice");
        assertApiError(client.signedGet(api("action=query&meta=userinfo&format=json"),
                Fixtures.withToken(f.identityOnly, who)), "readapidenied", "You need read permission to use this module.");
    }

    @Test
    void unknownActionWhenCalledThenBadvalue() {
        assertApiError(client.get(api("action=frobnicate&format=json")), "badvalue",
                "Unrecognized value for parameter \"action\": frobnicate.");
    }

    @Test
    void usercontribsWhenPagedThenContinueUntilDone() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        WikiUser.Builder carol = WikiUser.named("Carol");
        for (int i = 0; i < 5; i++) {
            carol.contribution("Page " + i, 100 + i, t0.plusSeconds(60L * i), "edit " + i);
        }
        f.wiki.registerUser(carol.build());
        JsonNode first = json(client.get(api("action=query&list=usercontribs&ucuser=Carol&uclimit=2&format=json")));
        assertThat(first.get("batchcomplete").asString()).isEmpty();
        assertThat(first.get("query").get("usercontribs")).hasSize(2);
        JsonNode newest = first.get("query").get("usercontribs").get(0);
        assertThat(newest.get("revid").asLong()).isEqualTo(104);
        assertThat(newest.get("title").asString()).isEqualTo("Page 4");
        assertThat(newest.get("timestamp").asString()).isEqualTo("2026-01-01T00:04:00Z");
        assertThat(newest.get("comment").asString()).isEqualTo("edit 4");
        assertThat(newest.get("user").asString()).isEqualTo("Carol");
        String cont = first.get("continue").get("uccontinue").asString();
        assertThat(cont).isEqualTo("20260101000200|102");
        assertThat(first.get("continue").get("continue").asString()).isEqualTo("-||");
        JsonNode second = json(client.get(api("action=query&list=usercontribs&ucuser=Carol&uclimit=2&format=json"
                + "&continue=-%7C%7C&uccontinue=" + cont.replace("|", "%7C"))));
        assertThat(second.get("query").get("usercontribs").get(0).get("revid").asLong()).isEqualTo(102);
        String cont2 = second.get("continue").get("uccontinue").asString();
        JsonNode third = json(client.get(api("action=query&list=usercontribs&ucuser=Carol&uclimit=2&format=json"
                + "&uccontinue=" + cont2.replace("|", "%7C"))));
        assertThat(third.get("query").get("usercontribs")).hasSize(1);
        assertThat(third.has("continue")).isFalse();
        assertApiError(client.get(api("action=query&list=usercontribs&format=json")), "missingparam",
                "One of the parameters \"ucuser\", \"ucuserids\", \"ucuserprefix\", and \"uciprange\" is required.");
    }

    @Test
    void editWhenCsrfTokenValidThenSavedAndCounted() {
        f.wiki.createPage("Sandbox", "old");
        JsonNode tokens = json(client.signedGet(api("action=query&meta=tokens&format=json"), aliceCredentials()));
        String csrf = tokens.get("query").get("tokens").get("csrftoken").asString();
        assertThat(csrf).endsWith("+\\").hasSizeGreaterThan(2);
        List<Parameter> form = List.of(Parameter.of("action", "edit"), Parameter.of("title", "Sandbox"),
                Parameter.of("text", "new text"), Parameter.of("summary", "testing"), Parameter.of("token", csrf),
                Parameter.of("format", "json"));
        JsonNode edit = json(client.signedPostForm(f.wiki.apiUrl(), form, aliceCredentials())).get("edit");
        assertThat(edit.get("result").asString()).isEqualTo("Success");
        assertThat(edit.get("title").asString()).isEqualTo("Sandbox");
        assertThat(edit.get("newrevid").asLong()).isGreaterThan(edit.get("oldrevid").asLong());
        assertThat(f.wiki.pageText("Sandbox")).isEqualTo("new text");
        assertThat(f.wiki.user("Alice").editCount()).isEqualTo(1);
        JsonNode contribs = json(client.get(api("action=query&list=usercontribs&ucuser=Alice&format=json")));
        assertThat(contribs.get("query").get("usercontribs").get(0).get("comment").asString()).isEqualTo("testing");
    }

    @Test
    void editWhenBadOrMissingTokenOrGetThenErrors() {
        f.wiki.createPage("Sandbox", "old");
        List<Parameter> bad = List.of(Parameter.of("action", "edit"), Parameter.of("title", "Sandbox"),
                Parameter.of("text", "x"), Parameter.of("token", "+\\"), Parameter.of("format", "json"));
        assertApiError(client.signedPostForm(f.wiki.apiUrl(), bad, aliceCredentials()), "badtoken",
                "Invalid CSRF token.");
        assertApiError(client.signedGet(api("action=edit&title=Sandbox&text=x&format=json"), aliceCredentials()),
                "mustbeposted", "The \"edit\" module requires a POST request.");
        assertThat(f.wiki.pageText("Sandbox")).isEqualTo("old");
    }

    @Test
    void editWhenPageMissingAndOnlyEditpageGrantThenCantcreate() {
        String csrf = json(client.signedGet(api("action=query&meta=tokens&format=json"), aliceCredentials()))
                .get("query").get("tokens").get("csrftoken").asString();
        List<Parameter> form = List.of(Parameter.of("action", "edit"), Parameter.of("title", "Brand new"),
                Parameter.of("text", "x"), Parameter.of("token", csrf), Parameter.of("format", "json"));
        assertApiError(client.signedPostForm(f.wiki.apiUrl(), form, aliceCredentials()), "cantcreate",
                "You don't have permission to create new pages.");
        Consumer creator = f.wiki.registerConsumer(ConsumerRegistration.prefix("Creator", Fixtures.CALLBACK)
                .withGrants("basic", "createeditmovepage"));
        AccessToken token = f.wiki.authorize("Alice", creator);
        JsonNode edit = json(client.signedPostForm(f.wiki.apiUrl(), form, Fixtures.withToken(creator, token)))
                .get("edit");
        assertThat(edit.get("new").asString()).isEmpty();
        assertThat(edit.get("oldrevid").asLong()).isZero();
    }

    @Test
    void ownerOnlyConsumerWhenSigningApiThenServedAsOwner() {
        Consumer owner = f.wiki.registerOwnerOnlyConsumer("Bot", "Bob");
        assertThat(owner.ownerToken()).matches("[0-9a-f]{32}");
        assertThat(owner.ownerSecret()).matches("[0-9a-f]{40}");
        WireClient.Response r = client.signedGet(api("action=query&meta=userinfo&format=json"),
                new OAuth1Credentials(owner.key(), owner.secret(), owner.ownerToken(), owner.ownerSecret()));
        assertThat(json(r).get("query").get("userinfo").get("name").asString()).isEqualTo("Bob");
    }

    @Test
    void apiWhenFormatXmlThenXmlErrorAndResult() {
        WireClient.Response error = client.signedGet(api("action=query&meta=userinfo&format=xml"),
                Fixtures.withToken(f.prefix, "0".repeat(32), "0".repeat(40)));
        assertThat(error.contentType()).isEqualTo("text/xml; charset=utf-8");
        assertThat(error.header("MediaWiki-API-Error")).isEqualTo("mwoauth-invalid-authorization");
        assertThat(error.body()).startsWith("<?xml version=\"1.0\"?><api><error code=\"mwoauth-invalid-authorization\" "
                + "info=\"" + INVALID + "No approved grant was found for that authorization token.\" "
                + "xml:space=\"preserve\">See ");
        assertThat(client.signedGet(api("action=query&meta=userinfo&format=xml"), aliceCredentials()).body())
                .isEqualTo("<?xml version=\"1.0\"?><api batchcomplete=\"\"><query><userinfo id=\""
                        + f.wiki.user("Alice").id() + "\" name=\"Alice\" /></query></api>");
    }
}
