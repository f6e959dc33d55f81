package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * LocalWiki's {@code action=upload} on the wire, request by request, as the upload notes record a real wiki: the
 * chunk session and its errors, the traps (warnings on chunks, the new key after the last chunk, the clamped
 * {@code filesize}), PHP's limits, and the checks before any upload (token, login, grant, request form).
 */
class UploadWireTests extends WikiTest {

    static final Duration BOUND = Duration.ofSeconds(10);
    static final JsonMapper JSON = JsonMapper.builder().build();

    WebClient web;
    String bearer;
    String token;

    @BeforeEach
    void owner() {
        OAuth2Client c = f.wiki.registerOAuth2Client(OAuth2ClientRegistration.ownerOnly("Wire uploader", "Alice")
                .withGrants("basic", "editpage", "createeditmovepage", "uploadfile"));
        bearer = "Bearer " + c.ownerAccessToken();
        web = WebClient.builder().codecs(c2 -> c2.defaultCodecs().maxInMemorySize(1 << 20)).build();
        token = call(form("action", "query", "meta", "tokens"), bearer).at("/query/tokens/csrftoken").asString();
    }

    static Map<String, String> form(String... pairs) {
        java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        out.put("format", "json");
        return out;
    }

    /** A multipart POST of {@code fields} and, if given, a file part. */
    record Answer(int status, String contentType, @Nullable String apiError, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    Answer post(Map<String, String> fields, @Nullable String fileField, byte @Nullable [] bytes, @Nullable String auth,
            String query) {
        // written here: Spring's multipart writer draws its boundary from the OS entropy device (a blocking read)
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        String boundary = "wire-test-boundary-" + fields.size();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (fileField != null && bytes != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                    + "\"; filename=\"blob\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            body.writeBytes(bytes);
            body.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        WebClient.RequestBodySpec spec = web.post().uri(f.wiki.apiUrl() + query)
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary));
        if (auth != null) {
            spec = spec.header(HttpHeaders.AUTHORIZATION, auth);
        }
        return spec.bodyValue(body.toByteArray()).exchangeToMono(r -> r.bodyToMono(String.class)
                .defaultIfEmpty("").map(text -> new Answer(r.statusCode().value(),
                        String.valueOf(r.headers().contentType().orElse(null)),
                        r.headers().asHttpHeaders().getFirst("MediaWiki-API-Error"), text))).block(BOUND);
    }

    JsonNode call(Map<String, String> fields, @Nullable String auth) {
        return post(fields, null, null, auth, "").json();
    }

    JsonNode chunk(String filename, long filesize, long offset, @Nullable String filekey, byte[] bytes,
            boolean ignoreWarnings) {
        Map<String, String> fields = form("action", "upload", "filename", filename, "filesize", Long.toString(filesize),
                "offset", Long.toString(offset), "stash", "1", "token", token);
        if (filekey != null) {
            fields.put("filekey", filekey);
        }
        if (ignoreWarnings) {
            fields.put("ignorewarnings", "1");
        }
        return post(fields, "chunk", bytes, bearer, "").json();
    }

    JsonNode plain(String filename, byte[] bytes, String... more) {
        Map<String, String> fields = form("action", "upload", "filename", filename, "token", token);
        for (int i = 0; i < more.length; i += 2) {
            fields.put(more[i], more[i + 1]);
        }
        return post(fields, "file", bytes, bearer, "").json();
    }

    JsonNode commit(String filename, String filekey, boolean ignoreWarnings) {
        Map<String, String> fields = form("action", "upload", "filename", filename, "filekey", filekey, "token", token);
        if (ignoreWarnings) {
            fields.put("ignorewarnings", "1");
        }
        return call(fields, bearer);
    }

    static byte[] png(int size, long seed) {
        return UploadLocalWikiTests.png(size, seed);
    }

    @Test
    void chunksWhenSentInOrderThenContinueSuccessWithANewKeyAndCommitOnce() {
        byte[] file = png(3 * 262144 + 3893, 1);
        JsonNode first = chunk("Probe chunked one.png", file.length, 0, null, Arrays.copyOfRange(file, 0, 262144), true);
        assertThat(first.at("/upload/result").asString()).isEqualTo("Continue");
        assertThat(first.at("/upload/offset").isIntegralNumber()).isTrue();
        assertThat(first.at("/upload/offset").asLong()).isEqualTo(262144);
        String key = first.at("/upload/filekey").asString();
        assertThat(key).matches("[0-9a-z]+\\.[0-9a-z]+\\.\\d+\\.png");
        JsonNode status = call(form("action", "upload", "checkstatus", "1", "filekey", key, "token", token), bearer);
        assertThat(status.at("/upload/stage").asString()).isEqualTo("uploading");
        assertThat(status.at("/upload/offset").asLong()).isEqualTo(262144);
        for (int offset = 262144; offset < 3 * 262144; offset += 262144) {
            JsonNode next = chunk("Probe chunked one.png", file.length, offset, key,
                    Arrays.copyOfRange(file, offset, offset + 262144), true);
            assertThat(next.at("/upload/filekey").asString()).isEqualTo(key);
        }
        JsonNode last = chunk("Probe chunked one.png", file.length, 3 * 262144, key,
                Arrays.copyOfRange(file, 3 * 262144, file.length), true);
        assertThat(last.at("/upload/result").asString()).isEqualTo("Success");
        String finalKey = last.at("/upload/filekey").asString();
        assertThat(finalKey).isNotEqualTo(key);
        assertThat(last.at("/upload/imageinfo/size").asLong()).isEqualTo(file.length);
        assertThat(last.at("/upload/imageinfo/url").asString()).contains("Special:UploadStash/file/" + finalKey);
        assertThat(chunk("Probe chunked one.png", file.length, file.length, key, new byte[2000], true)
                .at("/error/code").asString()).isEqualTo("uploadstash-file-not-found");
        assertThat(commit("Probe chunked one.png", key, false).at("/error/code").asString())
                .isEqualTo("uploadstash-file-not-found");
        JsonNode stashed = call(form("action", "query", "prop", "stashimageinfo", "siifilekey", finalKey), bearer);
        assertThat(stashed.at("/query/stashimageinfo/0/sha1").asString())
                .isEqualTo(last.at("/upload/imageinfo/sha1").asString());
        JsonNode done = commit("Probe chunked one.png", finalKey, false);
        assertThat(done.at("/upload/filename").asString()).isEqualTo("Probe_chunked_one.png");
        assertThat(done.at("/upload/imageinfo/sha1").asString()).isEqualTo(last.at("/upload/imageinfo/sha1").asString());
        assertThat(commit("Probe chunked one.png", finalKey, false).at("/error/code").asString())
                .isEqualTo("uploadstash-file-not-found");
        assertThat(call(form("action", "upload", "checkstatus", "1", "filekey", key, "token", token), bearer)
                .at("/error/code").asString()).isEqualTo("missingresult");
    }

    @Test
    void chunksWhenOffsetsAreWrongThenTheWikisErrorsAndTheSessionSurvives() {
        byte[] file = png(4096, 2);
        String key = chunk("Offsets.png", 4096, 0, null, Arrays.copyOfRange(file, 0, 2048), true)
                .at("/upload/filekey").asString();
        JsonNode again = chunk("Offsets.png", 4096, 0 + 1024, key, Arrays.copyOfRange(file, 1024, 3072), true);
        assertThat(again.at("/error/code").asString()).isEqualTo("stashfailed");
        assertThat(again.at("/error/info").asString()).isEqualTo("Invalid chunk offset");
        assertThat(again.at("/error/offset").isString()).isTrue();
        assertThat(again.at("/error/offset").asString()).isEqualTo("2048");
        assertThat(chunk("Offsets.png", 4096, 0, key, file, true).at("/error/code").asString())
                .isEqualTo("filekeynotallowed");
        assertThat(chunk("Offsets.png", 4096, 2048, null, file, true).at("/error/code").asString())
                .isEqualTo("filekeyneeded");
        assertThat(chunk("Offsets.png", 4096, 2048, "abcdef.png", file, true).at("/error/code").asString())
                .isEqualTo("uploadstash-file-not-found");
        assertThat(chunk("Offsets.png", 8192, 2048, key, new byte[100], true).at("/error/code").asString())
                .isEqualTo("chunk-too-small");
        assertThat(chunk("Offsets.png", 4096, 2048, key, new byte[3000], true).at("/error/code").asString())
                .isEqualTo("invalid-chunk");
        JsonNode rest = chunk("Offsets.png", 4096, 2048, key, Arrays.copyOfRange(file, 2048, 4096), true);
        assertThat(rest.at("/upload/result").asString()).isEqualTo("Success");
        assertThat(rest.at("/upload/imageinfo/size").asLong()).isEqualTo(4096);
    }

    @Test
    void chunksWhenTheNameExistsWithoutIgnorewarningsThenEachChunkIsStashedAlone() {
        assertThat(plain("Taken chunked.png", png(2000, 3)).at("/upload/result").asString()).isEqualTo("Success");
        byte[] file = png(4096, 4);
        JsonNode warned = chunk("Taken chunked.png", 4096, 0, null, Arrays.copyOfRange(file, 0, 2048), false);
        assertThat(warned.at("/upload/result").asString()).isEqualTo("Warning");
        assertThat(warned.at("/upload/warnings/exists").asString()).isEqualTo("Taken_chunked.png");
        String alone = warned.at("/upload/filekey").asString();
        assertThat(chunk("Taken chunked.png", 4096, 2048, alone, Arrays.copyOfRange(file, 2048, 4096), true)
                .at("/error/info").asString()).isEqualTo("No chunked upload session with this key.");
        clock.advance(Duration.ofSeconds(2));
        JsonNode published = commit("Taken chunked.png", alone, true);
        assertThat(published.at("/upload/result").asString()).isEqualTo("Success");
        assertThat(published.at("/upload/imageinfo/size").asLong()).isEqualTo(2048);
        JsonNode riding = chunk("Taken chunked.png", 4096, 0, null, Arrays.copyOfRange(file, 0, 2048), true);
        assertThat(riding.at("/upload/result").asString()).isEqualTo("Continue");
        assertThat(riding.at("/upload/warnings/exists").asString()).isEqualTo("Taken_chunked.png");
    }

    @Test
    void chunksWhenTheDeclaredSizeIsAboveTheLimitThenClampedWithAWarningAndFinishedEarly() {
        f.wiki.uploadLimits().maxUploadSize(4096);
        byte[] file = png(6000, 5);
        JsonNode first = chunk("Clamp.png", 6000, 0, null, Arrays.copyOfRange(file, 0, 2048), true);
        assertThat(first.at("/warnings/upload/*").asString())
                .isEqualTo("The value \"6000\" for parameter \"filesize\" must be between 0 and 4,096.");
        JsonNode second = chunk("Clamp.png", 6000, 2048, first.at("/upload/filekey").asString(),
                Arrays.copyOfRange(file, 2048, 4096), true);
        assertThat(second.at("/upload/result").asString()).isEqualTo("Success");
        assertThat(second.at("/upload/imageinfo/size").asLong()).isEqualTo(4096);
    }

    @Test
    void plainWhenAboveTheLimitsThenBaduploadFileTooLargeAndTheHelpPage() {
        f.wiki.uploadLimits().phpUploadMaxFilesize(4096).phpPostMaxSize(16384).maxUploadSize(3000);
        JsonNode php = plain("Big.png", png(5000, 6));
        assertThat(php.at("/error/code").asString()).isEqualTo("badupload");
        assertThat(php.at("/error/info").asString())
                .isEqualTo("The uploaded file for \"file\" exceeds the server's maximum of 4 KB.");
        assertThat(php.at("/error/size").asLong()).isEqualTo(4096);
        assertThat(plain("Big.png", png(3500, 7)).at("/error/code").asString()).isEqualTo("file-too-large");
        Answer help = post(form("action", "upload", "filename", "Huge.png", "token", token), "file", png(20000, 8),
                bearer, "");
        assertThat(help.status()).isEqualTo(200);
        assertThat(help.contentType()).startsWith("text/html");
        assertThat(help.apiError()).isNull();
        Answer queried = post(form("filename", "Huge.png", "token", token), "file", png(20000, 8), bearer,
                "?action=upload&format=json");
        assertThat(queried.json().at("/error/code").asString()).isEqualTo("missingparam");
        assertThat(queried.apiError()).isEqualTo("missingparam");
    }

    @Test
    void uploadWhenTheRequestIsWrongThenTheChecksOfTheWiki() {
        assertThat(post(form("action", "upload", "filename", "A.png", "token", "+\\"), "file", png(2000, 9), null, "")
                .json().at("/error/code").asString()).isEqualTo("mustbeloggedin");
        assertThat(plain("A.png", png(2000, 9), "url", "http://example.org/a.png").at("/error/code").asString())
                .isEqualTo("invalidparammix");
        assertThat(call(form("action", "upload", "filename", "A.png", "url", "http://example.org/a.png", "token",
                token), bearer).at("/error/code").asString()).isEqualTo("copyuploaddisabled");
        assertThat(call(form("action", "upload", "filename", "A.png", "file", "bytes", "token", token), bearer)
                .at("/error/code").asString()).isEqualTo("badupload");
        assertThat(call(form("action", "upload", "filename", "A.png", "token", token), bearer)
                .at("/error/info").asString()).isEqualTo("One of the parameters \"filekey\", \"file\" and \"url\" is "
                        + "required.");
        assertThat(post(form("action", "upload", "filename", "A.png"), "file", png(2000, 9), bearer,
                "?token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)).json()
                .at("/error/code").asString()).isEqualTo("mustpostparams");
        assertThat(plain("A.png", png(2000, 9), "token", "deadbeef+\\").at("/error/code").asString())
                .isIn("badtoken");
        assertThat(call(form("action", "query", "prop", "stashimageinfo", "siifilekey", "x.png"), null)
                .at("/error/code").asString()).isEqualTo("notloggedin");
        JsonNode general = call(form("action", "query", "meta", "siteinfo"), bearer).at("/query/general");
        assertThat(general.path("maxuploadsize").asLong()).isEqualTo(100L * 1024 * 1024);
        assertThat(general.path("minuploadchunksize").asLong()).isEqualTo(1024);
    }

    @Test
    void plainWhenNamesAndBytesAreWrongThenTheWikisCodes() {
        assertThat(plain("Probe.exe.png", png(2000, 10)).at("/error/blacklisted/0").asString()).isEqualTo("exe");
        assertThat(plain("Mismatch.jpg", png(2000, 10)).at("/error/details/0").asString())
                .isEqualTo("filetype-mime-mismatch");
        assertThat(plain("Page.png", "<!DOCTYPE html><html><body>x</body></html>".getBytes()).at("/error/details/1")
                .asString()).isEqualTo("text/html");
        JsonNode shortName = plain(".png", png(2000, 10));
        assertThat(shortName.at("/error/code").asString()).isEqualTo("filename-tooshort");
        assertThat(shortName.at("/error/filekey").asString()).isNotEmpty();
        assertThat(plain("L".repeat(250) + ".png", png(2000, 10)).at("/error/code").asString())
                .isEqualTo("filename-toolong");
        JsonNode noExtension = plain("Noext", png(2000, 10));
        assertThat(noExtension.at("/upload/warnings/badfilename").asString()).isEqualTo("Noext.png");
        JsonNode lower = plain("a.png", png(2000, 11));
        assertThat(lower.at("/upload/result").asString()).isEqualTo("Success");
        assertThat(lower.at("/upload/filename").asString()).isEqualTo("A.png");
    }

    @Test
    void uploadWhenTheConsumerLacksTheGrantThenPermissiondeniedButTheStashIsReadable() {
        byte[] file = png(4096, 12);
        String key = chunk("Grant.png", 4096, 0, null, file, true).at("/upload/filekey").asString();
        OAuth2Client without = f.wiki.registerOAuth2Client(OAuth2ClientRegistration.ownerOnly("No upload", "Alice")
                .withGrants("basic", "editpage"));
        String other = "Bearer " + without.ownerAccessToken();
        String otherToken = call(form("action", "query", "meta", "tokens"), other).at("/query/tokens/csrftoken")
                .asString();
        assertThat(call(form("action", "query", "prop", "stashimageinfo", "siifilekey", key), other)
                .at("/query/stashimageinfo/0/size").asLong()).isEqualTo(4096);
        Answer denied = post(form("action", "upload", "filename", "Grant.png", "filekey", key, "token", otherToken),
                null, null, other, "");
        assertThat(denied.json().at("/error/code").asString()).isEqualTo("permissiondenied");
        assertThat(denied.apiError()).isEqualTo("permissiondenied");
    }
}
