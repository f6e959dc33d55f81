package io.github.mwoauth.testkit;

import io.github.mwoauth.testsupport.DebianPython;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Interop with independent clients: Debian's python3-mwoauth 0.3.7 (handshake and identify, which checks the
 * JWT itself) and requests-oauthlib (api.php signing), run by {@code /usr/bin/python3}. Skipped without them,
 * failed without them on CI: see {@link DebianPython}.
 */
class PythonInteropTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    final LocalWikiExtension extension = LocalWikiExtension.create();

    @TempDir
    Path temp;

    @Test
    void mwoauthAndRequestsOauthlibWhenDrivingLocalWikiThenHandshakeIdentifyAndApiWork() throws Exception {
        Path python = DebianPython.require("python3-mwoauth", "python3-requests-oauthlib", "python3-requests");
        LocalWiki wiki = extension.get();
        wiki.registerUser("Alice");
        wiki.signInAs("Alice");
        Consumer consumer = wiki.registerOobConsumer("Interop Tool", "http://127.0.0.1:5000/oauth-callback");
        Path script = Path.of(getClass().getResource("/interop/mwoauth_interop.py").toURI());
        File stderr = temp.resolve("stderr.txt").toFile();
        Process process = new ProcessBuilder(python.toString(), script.toString(), wiki.indexUrl(), wiki.apiUrl(),
                consumer.key(), consumer.secret()).redirectError(stderr).start();
        Map<String, String> out = new LinkedHashMap<>();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> converse(process, wiki, out),
                    () -> "python interop timed out; stdout so far " + out + "; stderr " + read(stderr));
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("python exit; stderr: %s; stdout: %s", read(stderr), out).isZero();
        } finally {
            process.destroyForcibly();
        }

        assertThat(out.get("REDIRECT")).isEqualTo(wiki.indexUrl() + "?title=Special%3AOAuth%2Fauthenticate"
                + "&oauth_token=" + out.get("REQUEST_TOKEN") + "&oauth_consumer_key=" + consumer.key());
        // the URL mwoauth hands to the browser shows the consent form
        assertThat(new WireClient().get(out.get("REDIRECT")).body()).contains("mw-mwoauth-authorize-form")
                .contains("Hi Alice, In order to complete your request, Interop Tool needs permission");
        assertThat(out.get("ACCESS_TOKEN")).matches("[0-9a-f]{32}");

        JsonNode identity = JSON.readTree(out.get("IDENTITY"));
        assertThat(identity.get("username").asString()).isEqualTo("Alice");
        assertThat(identity.get("iss").asString()).isEqualTo(wiki.server());
        assertThat(identity.get("aud").asString()).isEqualTo(consumer.key());
        assertThat(identity.get("sub").asString()).isEqualTo(Long.toString(wiki.user("Alice").id()));

        String alice = "\"userinfo\":{\"id\":" + wiki.user("Alice").id() + ",\"name\":\"Alice\"}";
        assertThat(out.get("USERINFO_GET")).contains(alice);
        assertThat(out.get("USERINFO_POST")).contains(alice);
        assertThat(out.get("USERINFO_LOCALHOST")).contains("\"code\":\"mwoauth-invalid-authorization\"")
                .contains("Invalid signature");
        assertThat(out.get("IDENTIFY_ERROR")).isEqualTo("A MediaWiki API error occurred: No approved grant was "
                + "found for that authorization token.");
        assertThat(out.get("INITIATE_ERROR")).isEqualTo("An error occurred in the OAuth protocol: Invalid signature");
        assertThat(out).containsEntry("DONE", "ok");
    }

    /** Reads the script's lines; when it shows the request token, approves it and answers the callback query. */
    private static void converse(Process process, LocalWiki wiki, Map<String, String> out) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); Writer stdin = new OutputStreamWriter(process.getOutputStream(),
                StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                int space = line.indexOf(' ');
                String key = space < 0 ? line : line.substring(0, space);
                out.put(key, space < 0 ? "" : line.substring(space + 1));
                if (key.equals("REQUEST_TOKEN")) {
                    Approval approval = wiki.approve(out.get("REQUEST_TOKEN"), "Alice");
                    stdin.write(approval.callbackQuery() + "\n");
                    stdin.flush();
                }
            }
        }
    }

    private static String read(File file) {
        try {
            return Files.readString(file.toPath(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
