package io.github.mwoauth.benchmarks;

import io.github.mwoauth.AccessToken;
import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.Endpoint;
import io.github.mwoauth.testkit.LocalWiki;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long latencyMillis = args.length > 1 ? Long.parseLong(args[1]) : 2_000;
        Result result = run(calls, Duration.ofMillis(latencyMillis));
        System.out.println(result.describe());
        System.exit(result.completed() == calls ? 0 : 1);
    }

    public static Result run(int calls, Duration latency) {
        if (System.getProperty("reactor.netty.pool.maxConnections") == null) {
            System.setProperty("reactor.netty.pool.maxConnections", Integer.toString(Math.max(calls, 16)));
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (LocalWiki wiki = LocalWiki.start()) {
            wiki.registerUser("Alice");
            Consumer consumer = wiki.registerPrefixConsumer("Probe", "http://127.0.0.1/");
            AccessToken token = wiki.authorize("Alice", consumer);
            ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder().wiki(wiki.scriptPath())
                    .consumer(consumer.key(), consumer.secret()).accessToken(token.key(), token.secret())
                    .userAgent("mwoauth-benchmarks/0.1 (concurrency probe)")
                    .timeout(latency.plusSeconds(60)).build();
            Map<String, Object> query = Map.of("action", "query", "list", "usercontribs", "ucuser", "Alice",
                    "uclimit", 50);
            client.request(query).block(Duration.ofSeconds(30)); // warm the client and the wiki
            System.gc();
            wiki.faults(Endpoint.API).latency(latency);
            int threadsBefore = threads.getThreadCount();
            threads.resetPeakThreadCount();
            AtomicLong peakHeap = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "heap-sampler");
                t.setDaemon(true);
                return t;
            });
            sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(),
                    Math::max), 0, 20, TimeUnit.MILLISECONDS);
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
                sampler.shutdownNow();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new Result(calls, completed == null ? 0 : completed, failed.get(), latency, elapsed, peakHeap.get(),
                    memory.getHeapMemoryUsage().getMax(), threads.getPeakThreadCount(), threadsBefore);
        }
    }
}
