package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.ReactiveMediaWikiClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Hooks;
import tools.jackson.databind.JsonNode;

/**
 * Callers that stop waiting (a browser that went away, their own shorter timeout) at any moment of a call, often
 * right when the wiki's answer arrives: no error is dropped (Reactor would log each with its stack trace), every
 * call that was started still reaches the wiki and ends, and the client goes on working.
 */
class CancelledCallsTest {

    private static final int CALLS = 1_000;
    private static final Map<String, Object> USERINFO = Map.of("action", "query", "meta", "userinfo");

    @RegisterExtension
    final LocalWikiExtension extension = LocalWikiExtension.create();

    private final List<Throwable> dropped = new CopyOnWriteArrayList<>();

    @BeforeEach
    void recordDroppedErrors() {
        Hooks.onErrorDropped(dropped::add);
    }

    @AfterEach
    void resetHook() {
        Hooks.resetOnErrorDropped();
    }

    @Test
    void cancellingAtAnyMomentDropsNoErrorAndEveryStartedCallEnds() {
        LocalWiki wiki = extension.get();
        wiki.registerUser(WikiUser.named("Alice").build());
        Consumer bot = wiki.registerOwnerOnlyConsumer("Alice's bot", "Alice");
        ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder().wiki(wiki.scriptPath())
                .consumer(bot.credentials()).accessToken(bot.ownerToken(), bot.ownerSecret())
                .userAgent("CancelledCallsTest/1.0 (tests@example.org)").build();
        client.request(USERINFO).block(Duration.ofSeconds(10));

        for (int i = 0; i < CALLS; i++) {
            Disposable call = client.request(USERINFO).subscribe(answer -> { }, error -> { });
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_500_000)); // about one call's time
            call.dispose();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (wiki.requestCount(Endpoint.API) < 1 + CALLS && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000);
        }
        assertThat(wiki.requestCount(Endpoint.API)).isEqualTo(1 + CALLS);
        JsonNode after = client.request(USERINFO).block(Duration.ofSeconds(10));
        assertThat(after.at("/query/userinfo/name").asString()).isEqualTo("Alice");
        assertThat(dropped).isEmpty();
    }
}
