package io.github.mwoauth.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * How LocalWiki answers one HTTP exchange: reads the body, routes, counts, applies the injected faults (latency,
 * dropped connections, status pages, maxlag, rate limits, mangled or oversized bodies) and writes the response.
 * Never blocks: latency is {@code Mono.delay}.
 */
final class WikiServing {

    /** What every api.php answer varies on (wire notes §10). */
    static final String API_VARY = "Accept-Encoding, Treat-as-Untrusted, Cookie, Authorization";

    private final FaultTable faults;
    private final Map<Endpoint, AtomicLong> counts;
    private final Supplier<@Nullable WikiRouter> router;

    WikiServing(FaultTable faults, Map<Endpoint, AtomicLong> counts, Supplier<@Nullable WikiRouter> router) {
        this.faults = faults;
        this.counts = counts;
        this.router = router;
    }

    Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        WikiRouter current = router.get();
        return RequestBodies.read(request, current == null ? null : current.uploads()).flatMap(r -> {
            WikiRouter wiki = router.get();
            WikiRouter.Route route = wiki == null ? WikiRouter.STARTING : wiki.route(r);
            counts.get(route.endpoint()).incrementAndGet();
            Duration delay = faults.latency(route.endpoint());
            Mono<Void> wait = delay.isZero() ? Mono.empty() : Mono.delay(delay).then();
            return wait.then(Mono.defer(() -> respond(route, r, response)));
        });
    }

    private Mono<Void> respond(WikiRouter.Route route, WikiRequest request, HttpServerResponse response) {
        Endpoint endpoint = route.endpoint();
        if (faults.take(FaultTable.Kind.DROP, endpoint) != null) {
            return Mono.fromRunnable(() -> response.withConnection(Connection::dispose));
        }
        FaultTable.Rule status = faults.take(FaultTable.Kind.STATUS, endpoint);
        if (status != null) {
            return send(response, WikiResponse.of(status.value(), WikiResponse.HTML, "<!DOCTYPE html><html><head>"
                    + "<title>" + status.value() + "</title></head><body><h1>" + status.value()
                    + " Error</h1><p>Our servers are currently under maintenance or experiencing a technical "
                    + "issue.</p></body></html>"));
        }
        WikiRouter wiki = router.get();
        ApiPhp api = wiki == null ? null : wiki.api();
        if (endpoint == Endpoint.API && api != null) {
            FaultTable.Rule lag = faults.peek(FaultTable.Kind.MAXLAG, endpoint);
            if (lag != null && FaultTable.exceedsMaxlag(request.param("maxlag"), lag.value()) && lag.consume()) {
                return send(response, api.maxlag(request, lag.value()));
            }
            if (faults.take(FaultTable.Kind.RATELIMITED, endpoint) != null) {
                return send(response, api.ratelimited(request));
            }
        }
        WikiResponse out = route.handler().apply(request);
        if (endpoint == Endpoint.API) {
            out = out.withHeader("Vary", API_VARY);
        }
        if (faults.take(FaultTable.Kind.MALFORMED, endpoint) != null) {
            out = FaultTable.mangle(endpoint, out);
        }
        FaultTable.Rule oversized = faults.take(FaultTable.Kind.OVERSIZED, endpoint);
        if (oversized != null) {
            out = out.withBody(Faults.padding(oversized.value()));
        }
        return send(response, out);
    }

    private static Mono<Void> send(HttpServerResponse response, WikiResponse out) {
        response.status(out.status());
        for (Map.Entry<String, String> h : out.headers()) {
            response.addHeader(h.getKey(), h.getValue());
        }
        response.header("Content-Length", Integer.toString(out.body().length));
        return response.sendByteArray(Mono.just(out.body())).then();
    }
}
