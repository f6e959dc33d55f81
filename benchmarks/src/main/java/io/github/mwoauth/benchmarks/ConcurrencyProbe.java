package io.github.mwoauth.benchmarks;

import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.Endpoint;
import io.github.mwoauth.testkit.LocalWiki;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;

/**
 * Many concurrent {@code client.request} calls against a LocalWiki (in this JVM) whose api.php answers after an
 * injected latency: all must complete; reports elapsed time, peak heap used and peak thread count.
 *
 * <p>Reactor Netty's default connection pool holds {@code max(cores, 8) * 2} connections and queues at most twice
 * that many acquires; HTTP/1.1 needs one connection per in-flight request, so the probe raises the pool with the
 * system property {@code reactor.netty.pool.maxConnections} (set before Reactor Netty loads), as an application
 * expecting this load would.
 *
 * <p>{@link #main} runs the wiki in a child JVM, so the heap and thread figures are the client's alone and the
 * two ends of 10,000 loopback connections do not share one process's file descriptor limit.
 *
 * <pre>java -Xmx256m -cp benchmarks.jar io.github.mwoauth.benchmarks.ConcurrencyProbe [calls] [latencyMillis]</pre>
 */
public final class ConcurrencyProbe {

    /** What one run measured. */
    public record Result(int calls, long completed, long failed, Duration latency, Duration elapsed,
            long peakHeapBytes, long maxHeapBytes, int peakThreads, int threadsBefore) {

        public String describe() {
            return String.format("calls=%d completed=%d failed=%d latency_ms=%d elapsed_ms=%d peak_heap_mb=%.1f "
                    + "max_heap_mb=%.0f peak_threads=%d threads_before=%d", calls, completed, failed,
                    latency.toMillis(), elapsed.toMillis(), peakHeapBytes / 1048576.0, maxHeapBytes / 1048576.0,
                    peakThreads, threadsBefore);
        }
    }

    private ConcurrencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--serve")) {
            serve(Duration.ofMillis(Long.parseLong(args[1])));
            return;
        }
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long latencyMillis = args.length > 1 ? Long.parseLong(args[1]) : 2_000;
        Result result;
        try (ChildWiki wiki = ChildWiki.start(ConcurrencyProbe.class, "512m", Long.toString(latencyMillis))) {
            result = measure(calls, Duration.ofMillis(latencyMillis), wiki.get("script.path"), wiki.get("key"),
                    wiki.get("secret"), new AccessToken(wiki.get("token"), wiki.get("token.secret")));
        }
        System.out.println(result.describe());
        System.exit(result.completed() == calls ? 0 : 1);
    }

    /** The child process: a LocalWiki whose api.php answers after {@code latency}, until killed. */
    private static void serve(Duration latency) throws InterruptedException {
        LocalWiki wiki = LocalWiki.start();
        wiki.registerUser("Alice");
        Consumer consumer = wiki.registerPrefixConsumer("Probe", "http://127.0.0.1/");
        AccessToken token = wiki.authorize("Alice", consumer);
        wiki.faults(Endpoint.API).latency(latency);
        ChildWiki.serve(wiki, consumer, token);
    }

    private static Result measure(int calls, Duration latency, String scriptPath, String key, String secret,
            AccessToken token) {
        if (System.getProperty("reactor.netty.pool.maxConnections") == null) {
            System.setProperty("reactor.netty.pool.maxConnections", Integer.toString(Math.max(calls, 16)));
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        {
            ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder().wiki(scriptPath)
                    .consumer(key, secret).accessToken(token.key(), token.secret())
                    .userAgent("mwoauth-benchmarks/0.1 (concurrency probe)")
                    .timeout(latency.plusSeconds(60)).build();
            Map<String, Object> query = Map.of("action", "query", "list", "usercontribs", "ucuser", "Alice",
                    "uclimit", 50);
            client.request(query).block(latency.plusSeconds(30)); // warm the client (the wiki is already slow)
            System.gc();
            int threadsBefore = threads.getThreadCount();
            threads.resetPeakThreadCount();
            HeapSampler heap = new HeapSampler();
            AtomicLong failed = new AtomicLong();
            long start = System.nanoTime();
            Long completed;
            try {
                completed = Flux.range(0, calls)
                        .flatMap(i -> client.request(query).onErrorResume(e -> {
                            if (failed.incrementAndGet() == 1) {
                                System.err.println("first failure: " + e);
                            }
                            return reactor.core.publisher.Mono.empty();
                        }), calls)
                        .count().block(latency.multipliedBy(2).plusSeconds(120));
            } finally {
                heap.close();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new Result(calls, completed == null ? 0 : completed, failed.get(), latency, elapsed, heap.peak(),
                    memory.getHeapMemoryUsage().getMax(), threads.getPeakThreadCount(), threadsBefore);
        }
    }
}
