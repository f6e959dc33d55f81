package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.WikiUnavailableException;
import io.github.mwoauth.WikiUnavailableException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/** The client's Action API helpers against the emulator: continuation, CSRF tokens, retries, GET, formatversion. */
class ActionApiHelpersLocalWikiTests {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @RegisterExtension
    final LocalWikiExtension extension = LocalWikiExtension.create();

    private LocalWiki wiki;
    private Consumer bot;

    @BeforeEach
    void setUp() {
        wiki = extension.get();
        WikiUser.Builder alice = WikiUser.named("Alice");
        for (int i = 1; i <= 7; i++) {
            alice.contribution("Page " + i, 100 + i, Instant.parse("2026-11-01T10:00:00Z").plusSeconds(60L * i), "e" + i);
        }
        wiki.registerUser(alice.build());
        bot = wiki.registerOwnerOnlyConsumer("Alice's bot", "Alice");
    }

    private ReactiveMediaWikiClient.Builder alice() {
        return ReactiveMediaWikiClient.builder().wiki(wiki.scriptPath()).consumer(bot.credentials())
                .accessToken(bot.ownerToken(), bot.ownerSecret()).userAgent("HelpersTests/1.0 (tests@example.org)");
    }

    private static final Map<String, Object> CONTRIBS = Map.of("action", "query", "list", "usercontribs",
            "ucuser", "Alice", "uclimit", 3);

    private static List<Long> revids(JsonNode page) {
        return page.at("/query/usercontribs").valueStream().map(c -> c.get("revid").asLong()).toList();
    }

    @Test
    void requestContinuedWhenThreePagesThenAllContributionsInOrderAndStops() {
        StepVerifier.create(alice().build().requestContinued(CONTRIBS).map(ActionApiHelpersLocalWikiTests::revids))
                .expectNext(List.of(107L, 106L, 105L), List.of(104L, 103L, 102L), List.of(101L))
                .verifyComplete();
        assertThat(wiki.requestCount(Endpoint.API)).isEqualTo(3);
    }

    @Test
    void requestContinuedWhenSubscriberTakesOneThenOnlyOneRequest() {
        StepVerifier.create(alice().build().requestContinued(CONTRIBS).take(1))
                .expectNextCount(1).verifyComplete();
        assertThat(wiki.requestCount(Endpoint.API)).isEqualTo(1);
    }

    @Test
    void requestContinuedWhenFormatVersion2AndGetThenSamePages() {
        ReactiveMediaWikiClient client = alice().formatVersion2(true).readQueriesWithGet(true).build();

        StepVerifier.create(client.requestContinued(CONTRIBS).concatMapIterable(ActionApiHelpersLocalWikiTests::revids)
                        .collectList())
                .expectNext(List.of(107L, 106L, 105L, 104L, 103L, 102L, 101L)).verifyComplete();
        JsonNode first = client.request(CONTRIBS).block(BOUND);
        assertThat(first.get("batchcomplete").isBoolean()).as("formatversion=2 booleans").isTrue();
    }

    @Test
    void requestWithCsrfTokenWhenTwoEditsThenOneTokenFetchAndBothSaved() {
        wiki.createPage("Sandbox", "old");
        wiki.createPage("Other", "old");
        ReactiveMediaWikiClient client = alice().build();

        StepVerifier.create(client.requestWithCsrfToken(Map.of("action", "edit", "title", "Sandbox", "text", "one")))
                .assertNext(json -> assertThat(json.at("/edit/result").asString()).isEqualTo("Success"))
                .verifyComplete();
        client.requestWithCsrfToken(Map.of("action", "edit", "title", "Other", "text", "two")).block(BOUND);

        assertThat(wiki.pageText("Sandbox")).isEqualTo("one");
        assertThat(wiki.pageText("Other")).isEqualTo("two");
        assertThat(wiki.requestCount(Endpoint.API)).isEqualTo(3);
    }

    @Test
    void requestWhenMaxlagFaultThenDefaultMaxlagSentAndRetried() {
        wiki.faults(Endpoint.API).maxlag(7, 1);

        StepVerifier.create(alice().maxRetryDelay(Duration.ofMillis(50)).build()
                        .request(Map.of("action", "query", "meta", "userinfo")))
                .expectNextCount(1).verifyComplete();
        assertThat(wiki.requestCount(Endpoint.API)).as("the default maxlag=5 met the lag, then a retry").isEqualTo(2);
    }

    @Test
    void requestWhen503ThenBackoffRetriesThenServedOrOverloaded() {
        wiki.faults(Endpoint.API).status(503, 2);
        StepVerifier.create(alice().retryBackoff(Duration.ofMillis(20)).build()
                        .request(Map.of("action", "query", "meta", "userinfo")))
                .expectNextCount(1).verifyComplete();
        assertThat(wiki.requestCount(Endpoint.API)).isEqualTo(3);

        wiki.faults(Endpoint.API).status(429);
        StepVerifier.create(alice().retryBackoff(Duration.ofMillis(20)).maxRetries(1).build()
                        .request(Map.of("action", "query", "meta", "userinfo")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(WikiUnavailableException.class, w -> {
                    assertThat(w.kind()).isEqualTo(Kind.OVERLOADED);
                    assertThat(w.status()).isEqualTo(429);
                }))
                .verify(BOUND);
        assertThat(wiki.requestCount(Endpoint.API)).isEqualTo(5);
    }
}
