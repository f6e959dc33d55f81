package io.github.mwoauth.benchmarks;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * An open-loop load generator: GETs a URL at a fixed rate, whatever the server's answers take, and measures each
 * request's latency from the moment it was due, not from when it was sent. A closed-loop tool such as wrk stops
 * sending while the server stalls and so leaves the stall out of its percentiles (coordinated omission); here a
 * request due during a stall waits, and its wait counts.
 *
 * <pre>java -cp benchmarks.jar io.github.mwoauth.benchmarks.FixedRateLoad --url URL --rate 500 [--seconds 15]
 *     [--warmup-seconds 5] [--connections 1000] [--cookie "SESSION=..."] [--timeout-seconds 10]</pre>
 *
 * Prints {@code key=value} lines: the rate asked, answers a second (from the first request due to the last
 * answer), requests, errors (transport failures and timeouts), non-2xx answers, and p50, p99, p99.9 and max in
 * milliseconds over the measured seconds.
 */
public final class FixedRateLoad {

    private FixedRateLoad() {
    }

    public static void main(String[] args) {
        String url = null;
        double rate = 100;
        int seconds = 15;
        int warmup = 5;
        int connections = 1000;
        String cookie = "";
        int timeout = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup-seconds" -> warmup = Integer.parseInt(args[i + 1]);
                case "--connections" -> connections = Integer.parseInt(args[i + 1]);
                case "--cookie" -> cookie = args[i + 1];
                case "--timeout-seconds" -> timeout = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (url == null || rate <= 0) {
            throw new IllegalArgumentException("give --url and a positive --rate");
        }
        ConnectionProvider pool = ConnectionProvider.builder("fixed-rate").maxConnections(connections)
                .pendingAcquireMaxCount(-1).pendingAcquireTimeout(Duration.ofSeconds(timeout)).build();
        String cookieHeader = cookie;
        HttpClient client = HttpClient.create(pool).responseTimeout(Duration.ofSeconds(timeout))
                .headers(h -> {
                    if (!cookieHeader.isEmpty()) {
                        h.set(HttpHeaderNames.COOKIE, cookieHeader);
                    }
                });
        Result warm = run(client, url, rate, warmup, timeout);
        System.out.println("warmup.requests=" + warm.requests());
        Result measured = run(client, url, rate, seconds, timeout);
        Histogram h = measured.latencies();
        System.out.println("rate.asked=" + rate);
        System.out.printf("answered.per.second=%.1f%n", (measured.requests() - measured.errors())
                / (measured.elapsedNanos() / 1e9));
        System.out.println("requests=" + measured.requests());
        System.out.println("errors=" + measured.errors());
        System.out.println("non2xx=" + measured.non2xx());
        System.out.printf("p50.ms=%.2f%np99.ms=%.2f%np999.ms=%.2f%nmax.ms=%.2f%n", h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
        pool.disposeLater().block(Duration.ofSeconds(10));
    }

    private record Result(long requests, long errors, long non2xx, Histogram latencies, long elapsedNanos) {
    }

    /** Sends {@code rate × seconds} requests, each due at start + n / rate, and waits for the last answer. */
    private static Result run(HttpClient client, String url, double rate, int seconds, int timeout) {
        long total = Math.max(1, Math.round(rate * seconds));
        long start = System.nanoTime();
        double intervalNanos = 1e9 / rate;
        Recorder recorder = new Recorder(TimeUnit.SECONDS.toMicros(timeout * 2L), 3);
        AtomicLong errors = new AtomicLong();
        AtomicLong non2xx = new AtomicLong();
        // due times are computed, not taken from a timer: a late tick sends its backlog at once and each
        // request's latency still starts at its own due time
        AtomicLong handedOut = new AtomicLong();
        Flux.interval(Duration.ofMillis(1), Schedulers.parallel()).onBackpressureDrop()
                .concatMap(tick -> {
                    int from = (int) handedOut.get();
                    int until = (int) Math.min(total, (long) ((System.nanoTime() - start) / intervalNanos) + 1);
                    handedOut.set(Math.max(from, until));
                    return until > from ? Flux.range(from, until - from) : Flux.<Integer>empty();
                }, 1)
                .takeUntil(n -> n == total - 1)
                .flatMap(n -> {
                    long due = start + (long) (n * intervalNanos);
                    return client.get().uri(url).responseSingle((response, body) -> body.then(Mono.just(
                                    response.status().code())))
                            .doOnNext(code -> {
                                if (code < 200 || code > 299) {
                                    non2xx.incrementAndGet();
                                }
                                recorder.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
                            })
                            .onErrorResume(e -> {
                                errors.incrementAndGet();
                                return Mono.empty();
                            });
                }, Integer.MAX_VALUE)
                .blockLast(Duration.ofSeconds(seconds + timeout * 3L));
        return new Result(total, errors.get(), non2xx.get(), recorder.getIntervalHistogram(), System.nanoTime() - start);
    }
}
