package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.oauth1.AccessToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OAuth 1.0a and api.php facts of the wire notes' second round (§10), one test each, named after it, over real
 * HTTP to LocalWiki; and gzip from the wiki's side.
 */
class OAuth1WireFidelityTests extends WikiTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void initiateWhenCallbackSignedInBothQueryAndHeaderThenInvalidSignature() {
        WireClient.Response r = client.signedPost(f.initiateUrl() + "&oauth_callback=oob",
                Fixtures.consumerOnly(f.prefix), Parameter.of("oauth_callback", "oob"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("text/plain;charset=UTF-8");
        assertThat(r.body()).isEqualTo("Error: An error occurred in the OAuth protocol: Invalid signature");
        // in the query alone (the other parameters in the header) it is one parameter, and fine
        WireClient.Response once = client.signedPost(f.initiateUrl() + "&oauth_callback=oob",
                Fixtures.consumerOnly(f.prefix));
        assertThat(once.body()).startsWith("oauth_token=");
    }

    @Test
    void editWhenSuccessfulThenTheAnswerCarriesWatched() {
        f.wiki.createPage("Sandbox", "old");
        AccessToken alice = f.handshake(f.prefix, "Alice");
        String tokens = client.signedGet(f.wiki.apiUrl() + "?action=query&meta=tokens&format=json",
                Fixtures.withToken(f.prefix, alice)).body();
        String csrf = JSON.readTree(tokens).at("/query/tokens/csrftoken").asString();
        JsonNode edit = JSON.readTree(client.signedPostForm(f.wiki.apiUrl(), List.of(Parameter.of("action", "edit"),
                Parameter.of("title", "Sandbox"), Parameter.of("text", "new"), Parameter.of("token", csrf),
                Parameter.of("format", "json")), Fixtures.withToken(f.prefix, alice)).body()).get("edit");
        assertThat(edit.has("watched")).isTrue();
        assertThat(edit.propertyNames()).contains("contentmodel", "newrevid", "newtimestamp", "oldrevid", "pageid",
                "result", "title", "watched");
    }

    @Test
    void apiPhpWhenAnsweringThenVaryAcceptEncodingTreatAsUntrustedCookieAuthorization() {
        WireClient.Response r = client.get(f.wiki.apiUrl() + "?action=query&meta=userinfo&format=json");
        assertThat(r.header("Vary")).isEqualTo("Accept-Encoding, Treat-as-Untrusted, Cookie, Authorization");
    }

    @Test
    void gzipWhenEnabledAndAskedThenTheBodyIsCompressed() throws IOException, InterruptedException {
        try (LocalWiki zipped = LocalWiki.builder().gzip(true).start()) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(WireClient.TIMEOUT).build();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(zipped.apiUrl()
                    + "?action=query&meta=userinfo&format=json")).header("Accept-Encoding", "gzip")
                    .timeout(WireClient.TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("\"userinfo\"");
            }
            HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create(zipped.apiUrl()
                    + "?action=query&meta=userinfo&format=json")).timeout(WireClient.TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(plain.body()).contains("\"userinfo\"");
        }
    }
}
