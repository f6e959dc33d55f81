package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Start, addresses, close, the JUnit extension and the standalone main. */
class LocalWikiLifecycleTest {

    @RegisterExtension
    final LocalWikiExtension perTest = LocalWikiExtension.create()
            .withSetup(w -> w.registerUser("Alice"));

    final WireClient client = new WireClient();

    @Test
    void startWhenDefaultThenRandomLoopbackPortAndAddresses() {
        try (LocalWiki wiki = LocalWiki.start()) {
            assertThat(wiki.port()).isPositive();
            assertThat(wiki.server()).isEqualTo("http://127.0.0.1:" + wiki.port());
            assertThat(wiki.scriptPath()).isEqualTo(wiki.server() + "/w");
            assertThat(wiki.apiUrl()).isEqualTo(wiki.server() + "/w/api.php");
            assertThat(wiki.endpoints().indexPhp().toString()).isEqualTo(wiki.server() + "/w/index.php");
            assertThat(client.get(wiki.server() + "/w/rest.php/v1/nothing").status()).isEqualTo(404);
        }
    }

    @Test
    void startWhenFixedPortThenBoundThereAndClosedAfter() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LocalWiki wiki = LocalWiki.builder().port(port).build().start();
        assertThat(wiki.server()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(client.get(wiki.apiUrl() + "?action=query&format=json").status()).isEqualTo(200);
        wiki.close();
        assertThatThrownBy(() -> client.get(wiki.apiUrl())).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> new WireClient().get(wiki.apiUrl())).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void extensionWhenParameterThenSameRunningWikiWithSetup(LocalWiki wiki) {
        assertThat(wiki).isSameAs(perTest.get());
        assertThat(wiki.user("Alice").id()).isPositive();
    }

    @Test
    void articleWhenPageExistsThenServed() {
        LocalWiki wiki = perTest.get();
        wiki.createPage("Sandbox", "Hello <world>");
        assertThat(client.get(wiki.server() + "/wiki/Sandbox").body()).contains("Hello &lt;world&gt;");
        assertThat(client.get(wiki.server() + "/wiki/Missing").status()).isEqualTo(404);
    }

    @Test
    void mainWhenRunThenPrintsRegistrationAndServes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String key = "a".repeat(32);
        String secret = "b".repeat(40);
        try (LocalWiki wiki = LocalWikiMain.run(new String[] {"--port", "0", "--callback",
                "http://127.0.0.1:9999/cb", "--consumer-key", key, "--consumer-secret", secret},
                new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            Map<String, String> printed = new LinkedHashMap<>();
            for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    printed.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            assertThat(printed).containsEntry("server", wiki.server()).containsEntry("consumer.key", key)
                    .containsEntry("consumer.secret", secret).containsEntry("user", "Alice")
                    .containsEntry("consumer.callback", "http://127.0.0.1:9999/cb");
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("ready");
            String page = client.get(wiki.indexUrl() + "?title=Special:OAuth/authorize&oauth_token=x"
                    + "&oauth_consumer_key=" + key).body();
            assertThat(page).contains("Hi Alice, In order to complete your request, Demo Tool needs permission");
        }
    }

    @Test
    void mainWhenOAuth2ThenRegistersClientWhoseAuthorizeShowsConsent() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String id = "c".repeat(32);
        try (LocalWiki wiki = LocalWikiMain.run(new String[] {"--port", "0", "--callback", "http://127.0.0.1:9999/cb",
                "--oauth2", "--oauth2-client-id", id, "--oauth2-client-secret", "d".repeat(40)},
                new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            String printed = bytes.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("oauth2.client.id=" + id + "\n", "oauth2.client.secret=" + "d".repeat(40),
                    "oauth2.redirect.uri=http://127.0.0.1:9999/cb", "consumer.key=");
            java.net.URI authorize = java.net.URI.create(wiki.scriptPath() + "/rest.php/oauth2/authorize?response_type=code"
                    + "&client_id=" + id + "&state=s");
            assertThat(wiki.approveOAuth2(authorize, "Alice").redirectUrl()).startsWith("http://127.0.0.1:9999/cb?code=");
        }
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (LocalWiki production = LocalWikiMain.run(new String[] {"--port", "0", "--profile", "WIKIMEDIA_PRODUCTION"},
                out)) {
            assertThat(production.profile()).isEqualTo(WikiProfile.WIKIMEDIA_PRODUCTION);
        }
        assertThatThrownBy(() -> LocalWikiMain.run(new String[] {"--oauth2-client-id", "abc"}, out))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mainWhenApiLatencyAndContributionsThenApiAnswersThemThatLate() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (LocalWiki wiki = LocalWikiMain.run(new String[] {"--port", "0", "--api-latency", "400", "--contributions",
                "3"}, out)) {
            long start = System.nanoTime();
            String answer = client.get(wiki.apiUrl() + "?action=query&list=usercontribs&ucuser=Alice&format=json").body();
            long apiMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(answer).contains("\"usercontribs\"", "Sandbox/1", "Sandbox/3");
            assertThat(answer.indexOf("Sandbox/3")).as("newest first").isLessThan(answer.indexOf("Sandbox/1"));
            assertThat(apiMillis).isGreaterThanOrEqualTo(400);
        }
        assertThatThrownBy(() -> LocalWikiMain.run(new String[] {"--api-latency", "-1"}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--api-latency");
        assertThatThrownBy(() -> LocalWikiMain.run(new String[] {"--contributions", "-2"}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--contributions");
    }

    @Test
    void mainWhenBadArgumentsThenRejected() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LocalWikiMain.run(new String[] {"--bogus"}, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalWikiMain.run(new String[] {"--consumer-key", "abc"}, out))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
