package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.http.Parameter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound watches the event-loop and parallel threads while a whole handshake, identify, edits and an
 * injected latency run through LocalWiki; any blocking call made by our code on those threads is recorded.
 * The callback records rather than throws so other tests in the same JVM are not disturbed.
 */
class NonBlockingTest {

    static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final LocalWikiExtension extension = LocalWikiExtension.create();

    @BeforeAll
    static void installBlockHound() {
        BlockHound.Builder builder = BlockHound.builder();
        ServiceLoader.load(BlockHoundIntegration.class).forEach(builder::with);
        builder.blockingMethodCallback(method -> {
            StackTraceElement[] stack = new Throwable().getStackTrace();
            boolean ours = Arrays.stream(stack).anyMatch(e -> e.getClassName().startsWith("io.github.mwoauth.")
                    && !e.getClassName().endsWith("Test"));
            if (ours) {
                VIOLATIONS.add(method + " in " + Thread.currentThread().getName() + " at "
                        + Arrays.toString(Arrays.copyOf(stack, Math.min(stack.length, 25))));
            }
        }).install();
    }

    @Test
    void localWikiWhenServingEverythingThenNoBlockingCalls() {
        VIOLATIONS.clear();
        WireClient client = new WireClient();
        Fixtures f = new Fixtures(extension.get(), client);
        f.wiki.signInAs("Alice");
        f.wiki.createPage("Sandbox", "x");
        f.wiki.faults(Endpoint.API).latency(Duration.ofMillis(20));
        AccessToken token = f.handshake(f.prefix, "Alice");
        assertThat(client.signedPost(f.identifyUrl(), Fixtures.withToken(f.prefix, token)).body()).contains(".");
        var rt = f.initiate(f.prefix, "oob");
        assertThat(client.get(f.wiki.indexUrl() + "?title=Special:OAuth/authorize&oauth_token="
                + rt.get("oauth_token") + "&oauth_consumer_key=" + f.prefix.key()).status()).isEqualTo(200);
        String csrf = client.signedGet(f.wiki.apiUrl() + "?action=query&meta=tokens&format=json",
                Fixtures.withToken(f.prefix, token)).body().replaceAll(".*\"csrftoken\":\"([^\"]+)\".*", "$1")
                .replace("\\\\", "\\");
        String edit = client.signedPostForm(f.wiki.apiUrl(), List.of(Parameter.of("action", "edit"),
                Parameter.of("title", "Sandbox"), Parameter.of("text", "y"), Parameter.of("token", csrf),
                Parameter.of("format", "json")), Fixtures.withToken(f.prefix, token)).body();
        assertThat(edit).contains("Success");
        assertThat(VIOLATIONS).isEmpty();
    }
}
