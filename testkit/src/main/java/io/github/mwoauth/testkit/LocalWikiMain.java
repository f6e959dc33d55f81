package io.github.mwoauth.testkit;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a LocalWiki as its own process, for a sample app, benchmarks or manual use. Registers the user
 * {@code Alice} (signed in as the browser's user) and a prefix consumer "Demo Tool", then prints
 * {@code key=value} lines and serves until killed. With {@code --oauth2} it also registers a confidential
 * OAuth 2.0 client "Demo Tool 2" whose redirect URI is the callback, and prints {@code oauth2.client.id},
 * {@code oauth2.client.secret} and {@code oauth2.redirect.uri}.
 *
 * <pre>
 * java -cp ... io.github.mwoauth.testkit.LocalWikiMain --port 8181 --callback http://127.0.0.1:8080/oauth/callback
 *   [--consumer-key 32hex --consumer-secret 40hex] [--user Alice]
 *   [--oauth2 [--oauth2-client-id 32hex --oauth2-client-secret 40hex]] [--profile REL1_39|WIKIMEDIA_PRODUCTION]
 *   [--api-latency MS] [--contributions N]
 * </pre>
 *
 * {@code --contributions} gives the user that many edits (the newest first in {@code list=usercontribs}, one a
 * minute back from the start, on pages {@code Sandbox/1}, {@code Sandbox/2}, ...). {@code --api-latency} makes api.php answer every request that many milliseconds late (without blocking, as
 * {@link Faults#latency}), to stand for a real wiki's round trip in load measurements.
 */
public final class LocalWikiMain {

    static final String DEFAULT_CALLBACK = "http://127.0.0.1:5000/oauth-callback";

    private LocalWikiMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalWiki wiki = run(args, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            wiki.close();
            stopped.countDown();
        }, "localwiki-shutdown"));
        stopped.await();
    }

    /** Starts and populates the wiki and prints what it registered; the caller closes it. */
    static LocalWiki run(String[] args, PrintStream out) {
        int port = 8181;
        String callback = DEFAULT_CALLBACK;
        String user = "Alice";
        String key = null;
        String secret = null;
        boolean oauth2 = false;
        String clientId = null;
        String clientSecret = null;
        WikiProfile profile = WikiProfile.REL1_39;
        long apiLatency = 0;
        int contributions = 0;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(require(args[i], value));
                case "--callback" -> callback = require(args[i], value);
                case "--user" -> user = require(args[i], value);
                case "--consumer-key" -> key = require(args[i], value);
                case "--consumer-secret" -> secret = require(args[i], value);
                case "--oauth2-client-id" -> clientId = require(args[i], value);
                case "--oauth2-client-secret" -> clientSecret = require(args[i], value);
                case "--profile" -> profile = WikiProfile.valueOf(require(args[i], value));
                case "--api-latency" -> apiLatency = Long.parseLong(require(args[i], value));
                case "--contributions" -> contributions = Integer.parseInt(require(args[i], value));
                case "--oauth2" -> {
                    oauth2 = true;
                    continue;
                }
                case "--help", "-h" -> {
                    out.println("usage: LocalWikiMain [--port 8181] [--callback URL] [--user Alice] "
                            + "[--consumer-key HEX32 --consumer-secret HEX40] "
                            + "[--oauth2 [--oauth2-client-id HEX32 --oauth2-client-secret HEX40]] "
                            + "[--profile REL1_39|WIKIMEDIA_PRODUCTION] [--api-latency MS] [--contributions N]");
                    continue;
                }
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
            i++;
        }
        if ((key == null) != (secret == null)) {
            throw new IllegalArgumentException("give both --consumer-key and --consumer-secret, or neither");
        }
        if ((clientId == null) != (clientSecret == null) || clientId != null && !oauth2) {
            throw new IllegalArgumentException("give both --oauth2-client-id and --oauth2-client-secret, with --oauth2, "
                    + "or neither");
        }
        if (contributions < 0) {
            throw new IllegalArgumentException("--contributions cannot be negative: " + contributions);
        }
        if (apiLatency < 0) {
            throw new IllegalArgumentException("--api-latency cannot be negative: " + apiLatency);
        }
        LocalWiki wiki = LocalWiki.builder().port(port).profile(profile).start();
        if (apiLatency > 0) {
            wiki.faults(Endpoint.API).latency(Duration.ofMillis(apiLatency));
        }
        WikiUser.Builder named = WikiUser.named(user);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int n = 1; n <= contributions; n++) {
            named.contribution("Sandbox/" + n, 1000L + n, now.minus(contributions - n + 1L, ChronoUnit.MINUTES),
                    "edit " + n);
        }
        WikiUser alice = wiki.registerUser(named.build());
        wiki.signInAs(alice.name());
        wiki.createPage("Sandbox", "Hello from LocalWiki.");
        ConsumerRegistration registration = ConsumerRegistration.prefix("Demo Tool", callback);
        if (key != null && secret != null) {
            registration = registration.withCredentials(key, secret);
        }
        Consumer consumer = wiki.registerConsumer(registration);
        out.println("server=" + wiki.server());
        out.println("script.path=" + wiki.scriptPath());
        out.println("api.url=" + wiki.apiUrl());
        out.println("consumer.key=" + consumer.key());
        out.println("consumer.secret=" + consumer.secret());
        out.println("consumer.callback=" + callback);
        out.println("consumer.grants=" + String.join(",", consumer.grants()));
        if (oauth2) {
            OAuth2ClientRegistration oauth2Registration = OAuth2ClientRegistration.confidential("Demo Tool 2", callback);
            if (clientId != null && clientSecret != null) {
                oauth2Registration = oauth2Registration.withCredentials(clientId, clientSecret);
            }
            OAuth2Client client = wiki.registerOAuth2Client(oauth2Registration);
            out.println("oauth2.client.id=" + client.clientId());
            out.println("oauth2.client.secret=" + client.clientSecret());
            out.println("oauth2.redirect.uri=" + client.redirectUri());
        }
        if (apiLatency > 0) {
            out.println("api.latency.ms=" + apiLatency);
        }
        out.println("user=" + alice.name());
        out.println("user.id=" + alice.id());
        out.println("ready");
        out.flush();
        return wiki;
    }

    private static String require(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }
}
