package io.github.mwoauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/**
 * The client asks for gzip and reads gzip-encoded answers, as Wikimedia's servers send them, and bounds what an
 * answer inflates to: straight on Reactor Netty and through a {@code WebClient} alike.
 */
class GzipResponseTests {

    private static final byte[] GZIPPED = gzip("{\"batchcomplete\":\"\",\"query\":{\"userinfo\":{\"name\":\"Zed\"}}}");

    private final AtomicReference<String> acceptEncoding = new AtomicReference<>();
    private final AtomicReference<byte[]> answer = new AtomicReference<>(GZIPPED);
    private final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
            .handle((req, res) -> req.receive().then(Mono.defer(() -> {
                acceptEncoding.set(req.requestHeaders().get("Accept-Encoding"));
                return res.header("Content-Type", "application/json; charset=utf-8")
                        .header("Content-Encoding", "gzip")
                        .sendByteArray(Mono.just(answer.get())).then();
            })))
            .bindNow();

    @AfterEach
    void stop() {
        server.disposeNow(Duration.ofSeconds(5));
    }

    private ReactiveMediaWikiClient client(boolean throughWebClient) {
        ReactiveMediaWikiClient.Builder builder = ReactiveMediaWikiClient.builder()
                .wiki("http://127.0.0.1:" + server.port() + "/w").consumer("ck", "cs").accessToken("at", "as")
                .userAgent("GzipTests/1.0 (tests@example.org)");
        return (throughWebClient ? builder.webClientBuilder(WebClient.builder()) : builder).build();
    }

    @ParameterizedTest(name = "through WebClient: {0}")
    @ValueSource(booleans = {false, true})
    void requestWhenAnswerIsGzipThenAcceptEncodingSentAndBodyDecoded(boolean throughWebClient) {
        ReactiveMediaWikiClient client = client(throughWebClient);

        StepVerifier.create(client.request(Map.of("action", "query", "meta", "userinfo")))
                .assertNext(json -> assertThat(json.at("/query/userinfo/name").asString()).isEqualTo("Zed"))
                .verifyComplete();
        assertThat(acceptEncoding.get()).contains("gzip");
    }

    @ParameterizedTest(name = "through WebClient: {0}")
    @ValueSource(booleans = {false, true})
    void requestWhenSmallGzipAnswerInflatesBeyondTheLimitThenMalformedResponse(boolean throughWebClient) {
        // 32 MiB of JSON in about 32 KiB on the wire: the limit counts what the answer inflates to
        byte[] bomb = gzipPadding(32 * 1024 * 1024);
        assertThat(bomb.length).isLessThan(64 * 1024);
        answer.set(bomb);
        ReactiveMediaWikiClient client = client(throughWebClient);

        StepVerifier.create(client.request(Map.of("action", "query")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(WikiUnavailableException.class, w -> {
                    assertThat(w.kind()).isEqualTo(WikiUnavailableException.Kind.MALFORMED_RESPONSE);
                    assertThat(w.getMessage()).contains("larger than the configured limit");
                }))
                .verify(Duration.ofSeconds(20));
    }

    /** {@code {"padding":"xxx..."}}, {@code bytes} long once inflated. */
    private static byte[] gzipPadding(int bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write("{\"padding\":\"".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int left = bytes - 14; left > 0; left -= chunk.length) {
                gz.write(chunk, 0, Math.min(left, chunk.length));
            }
            gz.write("\"}".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
