package io.github.mwoauth;

import io.github.mwoauth.http.WikiObservations;
import io.github.mwoauth.login.AuthorizedUser;
import io.github.mwoauth.login.TokenStore;
import io.github.mwoauth.oauth1.AccessToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.mwoauth.RecordingServer.Answer;
import io.github.mwoauth.oauth1.AuthorizationHeader;
import io.github.mwoauth.http.FormEncoding;
import io.github.mwoauth.oauth1.HmacSha1;
import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.oauth1.SignatureBaseString;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

/** maxlag, formatversion, GET for reads, CSRF tokens and observations, seen by a recording server. */
class ReactiveMediaWikiClientApiHelpersTests {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final RecordingServer server = new RecordingServer();

    private ReactiveMediaWikiClient.Builder client() {
        return ReactiveMediaWikiClient.builder().wiki(server.scriptPath()).consumer("ck", "cs")
                .accessToken("at", "as").userAgent("TestTool/1.0 (tests@example.org)");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<Parameter> fields(int request) {
        RecordingServer.Recorded r = server.requests.get(request);
        int q = r.uri().indexOf('?');
        return r.method().equals("GET") ? FormEncoding.parse(r.uri().substring(q + 1)) : FormEncoding.parse(r.body());
    }

    /** The contexts of the observations of {@code registry}, as they stop. */
    private static List<Observation.Context> stoppedObservations(TestObservationRegistry registry) {
        List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
        return stopped;
    }

    @Test
    void requestWhenFixedTokenThenMaxlag5UnlessQuerySetsIt() {
        server.answer(r -> Answer.json("{}"));

        client().build().request(Map.of("action", "query")).block(BOUND);
        client().build().request(Map.of("action", "query", "maxlag", 2)).block(BOUND);
        client().maxlag(0).build().request(Map.of("action", "query")).block(BOUND);

        assertThat(fields(0)).contains(Parameter.of("maxlag", "5"));
        assertThat(fields(1)).contains(Parameter.of("maxlag", "2")).doesNotContain(Parameter.of("maxlag", "5"));
        assertThat(fields(2)).extracting(Parameter::name).doesNotContain("maxlag");
    }

    @Test
    void requestWhenStoreIsNotFixedThenNoMaxlagByDefault() {
        server.answer(r -> Answer.json("{}"));
        AuthorizedUser user = new AuthorizedUser(new AccessToken("at", "as"), null);
        TokenStore perRequest = new TokenStore() {
            @Override
            public reactor.core.publisher.Mono<AuthorizedUser> load() {
                return reactor.core.publisher.Mono.just(user);
            }

            @Override
            public reactor.core.publisher.Mono<Void> saveIdentity(MediaWikiIdentity identity) {
                return reactor.core.publisher.Mono.empty();
            }

            @Override
            public reactor.core.publisher.Mono<Void> clear() {
                return reactor.core.publisher.Mono.empty();
            }
        };

        client().tokenStore(perRequest).build().request(Map.of("action", "query")).block(BOUND);

        assertThat(fields(0)).extracting(Parameter::name).doesNotContain("maxlag");
    }

    @Test
    void requestWhenFormatVersion2ThenAddedUnlessSet() {
        server.answer(r -> Answer.json("{}"));

        client().formatVersion2(true).build().request(Map.of("action", "query")).block(BOUND);
        client().formatVersion2(true).build().request(Map.of("action", "query", "formatversion", 1)).block(BOUND);
        client().build().request(Map.of("action", "query")).block(BOUND);

        assertThat(fields(0)).contains(Parameter.of("formatversion", "2"));
        assertThat(fields(1)).contains(Parameter.of("formatversion", "1")).doesNotContain(Parameter.of("formatversion", "2"));
        assertThat(fields(2)).extracting(Parameter::name).doesNotContain("formatversion");
    }

    @Test
    void requestWhenReadQueriesWithGetThenQueryIsSignedGetAndEditStaysPost() {
        server.answer(r -> Answer.json("{}"));
        ReactiveMediaWikiClient client = client().readQueriesWithGet(true).build();

        client.request(Map.of("action", "query", "list", "usercontribs", "ucuser", "Ä|B")).block(BOUND);
        client.request(Map.of("action", "edit", "title", "T", "text", "x")).block(BOUND);
        client.request(Map.of("action", "query", "titles", "x".repeat(5000))).block(BOUND);

        RecordingServer.Recorded get = server.requests.get(0);
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.body()).isEmpty();
        assertThat(fields(0)).contains(Parameter.of("ucuser", "Ä|B"), Parameter.of("format", "json"));
        URI sent = URI.create(server.scriptPath() + "/api.php" + get.uri().substring(get.uri().indexOf('?')));
        List<Parameter> oauth = AuthorizationHeader.parse(get.headers().get("Authorization"));
        String expected = HmacSha1.sign(SignatureBaseString.of("GET", sent, oauth), "cs", "as");
        assertThat(oauth).contains(Parameter.of("oauth_signature", expected));

        assertThat(server.requests.get(1).method()).isEqualTo("POST");
        assertThat(server.requests.get(2).method()).as("too long for a URL").isEqualTo("POST");
    }

    @Test
    void requestWithCsrfTokenWhenCalledTwiceThenTokenFetchedOnceAndSentLast() {
        server.answer(r -> r.body().contains("meta=tokens")
                ? Answer.json("{\"batchcomplete\":\"\",\"query\":{\"tokens\":{\"csrftoken\":\"abc+\\\\\"}}}")
                : Answer.json("{\"edit\":{\"result\":\"Success\"}}"));
        ReactiveMediaWikiClient client = client().build();

        StepVerifier.create(client.requestWithCsrfToken(Map.of("action", "edit", "title", "T", "text", "x")))
                .assertNext(json -> assertThat(json.at("/edit/result").asString()).isEqualTo("Success"))
                .verifyComplete();
        client.requestWithCsrfToken(Map.of("action", "edit", "title", "U", "text", "y")).block(BOUND);

        assertThat(server.requests).hasSize(3);
        assertThat(fields(0)).contains(Parameter.of("meta", "tokens"), Parameter.of("type", "csrf"));
        assertThat(fields(1).get(fields(1).size() - 1)).isEqualTo(Parameter.of("token", "abc+\\"));
        assertThat(fields(2)).contains(Parameter.of("token", "abc+\\"), Parameter.of("title", "U"));
    }

    @Test
    void requestWithCsrfTokenWhenBadtokenThenRefetchedAndRetriedOnceOnly() {
        AtomicInteger tokenFetches = new AtomicInteger();
        server.answer(r -> {
            if (r.body().contains("meta=tokens")) {
                return Answer.json("{\"query\":{\"tokens\":{\"csrftoken\":\"t" + tokenFetches.incrementAndGet()
                        + "+\\\\\"}}}");
            }
            return Answer.json("{\"error\":{\"code\":\"badtoken\",\"info\":\"Invalid CSRF token.\"}}");
        });

        StepVerifier.create(client().build().requestWithCsrfToken(Map.of("action", "edit", "title", "T")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(MediaWikiApiException.class,
                        m -> assertThat(m.code()).isEqualTo("badtoken")))
                .verify(BOUND);

        assertThat(tokenFetches).hasValue(2);
        assertThat(server.requests).hasSize(4);
        assertThat(fields(1)).contains(Parameter.of("token", "t1+\\"));
        assertThat(fields(3)).contains(Parameter.of("token", "t2+\\"));
    }

    @Test
    void requestWithCsrfTokenWhenStaleTokenThenNewOneUsedAndKept() {
        AtomicInteger tokenFetches = new AtomicInteger();
        server.answer(r -> {
            if (r.body().contains("meta=tokens")) {
                return Answer.json("{\"query\":{\"tokens\":{\"csrftoken\":\"t" + tokenFetches.incrementAndGet()
                        + "+\\\\\"}}}");
            }
            return r.body().contains("token=t1")
                    ? Answer.json("{\"error\":{\"code\":\"badtoken\",\"info\":\"Invalid CSRF token.\"}}")
                    : Answer.json("{\"edit\":{\"result\":\"Success\"}}");
        });
        ReactiveMediaWikiClient client = client().build();

        client.requestWithCsrfToken(Map.of("action", "edit", "title", "T")).block(BOUND);
        client.requestWithCsrfToken(Map.of("action", "edit", "title", "T")).block(BOUND);

        assertThat(tokenFetches).hasValue(2);
        assertThat(server.requests).hasSize(5);
    }

    @Test
    void requestWithCsrfTokenWhenQueryHasTokenThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> client().build().requestWithCsrfToken(Map.of("action", "edit", "token", "x")));
    }

    @Test
    void requestWhenObservedThenTimerByActionAndOutcomeWithoutSecretsOrNames() {
        server.answer(r -> r.body().contains("action=edit")
                ? Answer.json("{\"error\":{\"code\":\"blocked\",\"info\":\"User Alice is blocked\"}}")
                : Answer.json("{}"));
        TestObservationRegistry registry = TestObservationRegistry.create();
        List<Observation.Context> stopped = stoppedObservations(registry);
        ReactiveMediaWikiClient client = client().observationRegistry(registry).build();

        client.request(Map.of("action", "query", "list", "usercontribs", "ucuser", "Alice")).block(BOUND);
        StepVerifier.create(client.request(Map.of("action", "edit", "title", "Alice"))).expectError().verify(BOUND);
        client.request(Map.of("action", "Alice's secret cs")).block(BOUND);

        TestObservationRegistryAssert.assertThat(registry)
                .hasNumberOfObservationsWithNameEqualTo(WikiObservations.API_REQUEST, 3)
                .hasAnObservation(o -> o.hasNameEqualTo(WikiObservations.API_REQUEST)
                        .hasLowCardinalityKeyValue("mediawiki.action", "query")
                        .hasLowCardinalityKeyValue("outcome", "success")
                        .hasLowCardinalityKeyValue("http.method", "POST"))
                .hasAnObservation(o -> o.hasNameEqualTo(WikiObservations.API_REQUEST)
                        .hasLowCardinalityKeyValue("mediawiki.action", "edit")
                        .hasLowCardinalityKeyValue("outcome", "api_error")
                        .hasLowCardinalityKeyValue("error", "MediaWikiApiException"))
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("mediawiki.action", "other"));
        List<String> values = new ArrayList<>();
        stopped.forEach(context -> context.getAllKeyValues().forEach(kv -> values.add(kv.getValue())));
        assertThat(values).isNotEmpty().allSatisfy(v -> assertThat(v)
                .doesNotContain("Alice").doesNotContain("cs").doesNotContain("as").doesNotContain("at"));
    }

    @Test
    void requestWhenWebClientObservedThenItsObservationIsAChildOfTheApiRequest() {
        server.answer(r -> Answer.json("{}"));
        TestObservationRegistry registry = TestObservationRegistry.create();
        List<Observation.Context> stopped = stoppedObservations(registry);
        ReactiveMediaWikiClient client = client().observationRegistry(registry)
                .webClientBuilder(WebClient.builder().observationRegistry(registry)).build();

        client.request(Map.of("action", "query")).block(BOUND);

        assertThat(stopped).extracting(Observation.Context::getName)
                .containsExactlyInAnyOrder("http.client.requests", WikiObservations.API_REQUEST);
        Observation.Context http = stopped.stream().filter(c -> c.getName().equals("http.client.requests"))
                .findFirst().orElseThrow();
        assertThat(http.getParentObservation()).isNotNull();
        assertThat(http.getParentObservation().getContextView().getName()).isEqualTo(WikiObservations.API_REQUEST);
    }

    @Test
    void helpersWhenWikiNotAllowedThenNotAllowedAndNothingSent() {
        ReactiveMediaWikiClient client = client().build();
        URI elsewhere = URI.create("https://en.wikipedia.org/w/api.php");

        StepVerifier.create(client.requestWithCsrfToken(Map.of("action", "edit", "title", "T"), elsewhere))
                .expectError(WikiNotAllowedException.class).verify(BOUND);
        StepVerifier.create(client.requestContinued(Map.of("action", "query", "list", "allpages"), elsewhere))
                .expectError(WikiNotAllowedException.class).verify(BOUND);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void requestContinuedWhenContinueChangesThenOriginalQueryPlusLatestContinueOnly() {
        AtomicInteger calls = new AtomicInteger();
        server.answer(r -> switch (calls.incrementAndGet()) {
            case 1 -> Answer.json("{\"continue\":{\"gapcontinue\":\"B\",\"continue\":\"gapcontinue||\"},\"n\":1}");
            case 2 -> Answer.json("{\"continue\":{\"rvcontinue\":\"7\",\"continue\":\"||\"},\"n\":2}");
            default -> Answer.json("{\"batchcomplete\":\"\",\"n\":3}");
        });

        StepVerifier.create(client().build().requestContinued(Map.of("action", "query", "generator", "allpages"))
                        .map(json -> json.get("n").asInt()))
                .expectNext(1, 2, 3).verifyComplete();

        assertThat(fields(0)).extracting(Parameter::name).doesNotContain("continue", "gapcontinue");
        assertThat(fields(1)).contains(Parameter.of("gapcontinue", "B"), Parameter.of("continue", "gapcontinue||"),
                Parameter.of("generator", "allpages"));
        assertThat(fields(2)).contains(Parameter.of("rvcontinue", "7"), Parameter.of("continue", "||"),
                Parameter.of("generator", "allpages"));
        assertThat(fields(2)).extracting(Parameter::name).doesNotContain("gapcontinue");
    }

    @Test
    void requestContinuedWhenManyPagesThenAllInOrder() {
        AtomicInteger calls = new AtomicInteger();
        server.answer(r -> calls.incrementAndGet() < 100
                ? Answer.json("{\"continue\":{\"uccontinue\":\"" + calls.get() + "\",\"continue\":\"-||\"}}")
                : Answer.json("{\"batchcomplete\":\"\"}"));

        StepVerifier.create(client().build().requestContinued(Map.of("action", "query", "list", "usercontribs"))
                        .map(json -> json.at("/continue/uccontinue").asString("end")).collectList())
                .assertNext(values -> {
                    assertThat(values).hasSize(100).endsWith("99", "end");
                    assertThat(values.subList(0, 99)).containsExactlyElementsOf(
                            java.util.stream.IntStream.rangeClosed(1, 99).mapToObj(Integer::toString).toList());
                })
                .verifyComplete();
    }
}
