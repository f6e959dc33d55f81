package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

/** LocalWiki under a reactive client: injected latency delays without holding a thread per request. */
class ReactiveClientTest {

    @RegisterExtension
    static final LocalWikiExtension EXTENSION = LocalWikiExtension.create();

    @Test
    void latencyWhenManyConcurrentRequestsThenAllAnsweredTogether() {
        LocalWiki wiki = EXTENSION.get();
        wiki.faults(Endpoint.API).latency(Duration.ofMillis(300));
        HttpClient http = HttpClient.create().responseTimeout(Duration.ofSeconds(5));
        String url = wiki.apiUrl() + "?action=query&meta=userinfo&format=json";
        long start = System.nanoTime();
        StepVerifier.create(Flux.range(0, 50)
                        .flatMap(i -> http.get().uri(url).responseSingle((r, body) -> body.asString()), 50)
                        .filter(body -> body.contains("\"name\":\"127.0.0.1\""))
                        .count())
                .expectNext(50L)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(wiki.requestCount(Endpoint.API)).isEqualTo(50);
    }

    @Test
    void dropConnectionWhenReactiveClientThenErrorSignal() {
        LocalWiki wiki = EXTENSION.get();
        wiki.faults(Endpoint.API).dropConnection(1);
        StepVerifier.create(HttpClient.create().post().uri(wiki.apiUrl()).response())
                .expectError()
                .verify(Duration.ofSeconds(5));
    }
}
