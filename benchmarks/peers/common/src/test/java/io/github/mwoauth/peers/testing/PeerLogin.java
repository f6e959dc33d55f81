package io.github.mwoauth.peers.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.WikiUser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Logs a user in through a running peer app with {@code benchmarks/load/login.py}, exactly as
 * {@code benchmarks/run.sh} does (GET the login path, Allow on the wiki's consent form, back to the app, "logged
 * in as" on {@code /}), and fetches the app's pages with the cookie it prints.
 */
public final class PeerLogin {

    /** The wiki user every peer test logs in as. */
    public static final String USER = "Alice";

    private static final Path LOGIN_SCRIPT = Path.of("../../load/login.py");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PeerLogin() {
    }

    /** A LocalWiki whose browser user {@value #USER} has two contributions. */
    public static LocalWiki wikiWithContributor() {
        LocalWiki wiki = LocalWiki.start();
        Instant now = Instant.now();
        wiki.registerUser(WikiUser.named(USER)
                .contribution("Sandbox", 11, now.minusSeconds(60), "first")
                .contribution("Tea & biscuits", 12, now, "second").build());
        wiki.signInAs(USER);
        return wiki;
    }

    /** A free loopback port (for apps whose callback the wiki must know before they start). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs login.py against {@code base} (e.g. {@code http://127.0.0.1:8080}); the Cookie header it prints. */
    public static String login(String base, String loginPath) throws IOException, InterruptedException {
        assertThat(LOGIN_SCRIPT).as("run from the peer module's directory").exists();
        Process process = new ProcessBuilder("/usr/bin/python3", LOGIN_SCRIPT.toString(), base, loginPath)
                .redirectErrorStream(true).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("login.py finished").isTrue();
        assertThat(process.exitValue()).as("login.py: " + output).isZero();
        return output;
    }

    /** GETs {@code url} with the Cookie header (none when empty). */
    public static HttpResponse<String> get(String url, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * Asserts what a logged-in user of the app at {@code base} sees: {@code /} names {@value #USER}, and
     * {@code /test_query} lists the two edits after exactly one call to {@code wiki}.
     */
    public static void assertLoggedIn(LocalWiki wiki, String base, String cookie)
            throws IOException, InterruptedException {
        assertThat(get(base + "/", cookie).body()).contains("<p id=\"status\">logged in as: " + USER + "</p>");
        long before = wiki.requestCount();
        assertContributionsPage(get(base + "/test_query", cookie));
        assertThat(wiki.requestCount() - before).as("calls to the wiki").isEqualTo(1);
    }

    /** Asserts that {@code page} is the contributions page of {@value #USER} with the two edits. */
    public static void assertContributionsPage(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Contributions of " + USER + "</h1>", "<ul id=\"contributions\">")
                .contains("<li>Sandbox (", "<li>Tea &amp; biscuits (");
    }
}
