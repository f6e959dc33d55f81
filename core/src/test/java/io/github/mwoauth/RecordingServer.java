package io.github.mwoauth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** A loopback HTTP server that records each request and answers with a scripted response. */
final class RecordingServer implements AutoCloseable {

    record Recorded(String method, String uri, HttpHeaders headers, String body) {
    }

    record Answer(int status, String contentType, String body, Duration delay, java.util.Map<String, String> headers) {

        static Answer json(String body) {
            return new Answer(200, "application/json; charset=utf-8", body, Duration.ZERO, java.util.Map.of());
        }

        static Answer text(String body) {
            return new Answer(200, "text/plain;charset=UTF-8", body, Duration.ZERO, java.util.Map.of());
        }

        Answer withStatus(int s) {
            return new Answer(s, contentType, body, delay, headers);
        }

        Answer after(Duration d) {
            return new Answer(status, contentType, body, d, headers);
        }

        Answer withHeader(String name, String value) {
            java.util.Map<String, String> h = new java.util.HashMap<>(headers);
            h.put(name, value);
            return new Answer(status, contentType, body, delay, h);
        }
    }

    final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Recorded, Answer> script = r -> Answer.json("{}");
    private final DisposableServer server;

    RecordingServer() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> req.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .flatMap(body -> {
                            Recorded recorded = new Recorded(req.method().name(), req.uri(), req.requestHeaders(), body);
                            requests.add(recorded);
                            Answer answer = script.apply(recorded);
                            return Mono.delay(answer.delay()).then(Mono.defer(() -> {
                                res.status(answer.status()).header("Content-Type", answer.contentType());
                                answer.headers().forEach(res::header);
                                return res.sendString(Mono.just(answer.body())).then();
                            }));
                        }))
                .bindNow();
    }

    RecordingServer answer(Function<Recorded, Answer> script) {
        this.script = script;
        return this;
    }

    String scriptPath() {
        return "http://127.0.0.1:" + server.port() + "/w";
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}
