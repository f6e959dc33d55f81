package io.github.mwoauth.benchmarks;

import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.UploadContent;
import io.github.mwoauth.UploadRequest;
import io.github.mwoauth.UploadResult;
import io.github.mwoauth.UploadWarningPolicy;
import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.ConsumerRegistration;
import io.github.mwoauth.testkit.LocalWiki;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

/**
 * Upload throughput and heap: {@code uploads} concurrent uploads of one file of {@code megabytes} MiB in chunks of
 * {@code chunkMiB} MiB to a LocalWiki in a child JVM (so the heap is the client's alone), from the file itself
 * ({@code path}) or from a stream of 8 KiB buffers read from it ({@code stream}, as a WebFlux {@code FilePart}
 * delivers a browser's upload). Reports MB/s, the peak heap in use (sampled every 20 ms) above the heap in use
 * before, and that every upload's SHA-1 is the file's.
 *
 * <pre>java -Xmx128m -cp benchmarks.jar io.github.mwoauth.benchmarks.UploadProbe [megabytes] [uploads] [chunkMiB] [path|stream]</pre>
 */
public final class UploadProbe {

    private static final int MIB = 1024 * 1024;

    private UploadProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--serve")) {
            serve();
            return;
        }
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int uploads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int chunkMiB = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        String source = args.length > 3 ? args[3] : "stream";
        Path file = Files.createTempFile("upload-probe", ".png");
        boolean verified;
        try (ChildWiki wiki = ChildWiki.start(UploadProbe.class, "256m")) {
            String sha1 = write(file, megabytes);
            ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder().wiki(wiki.get("script.path"))
                    .consumer(wiki.get("key"), wiki.get("secret")).accessToken(wiki.get("token"),
                            wiki.get("token.secret")).userAgent("mwoauth-benchmarks/0.1 (upload probe)")
                    .timeout(Duration.ofMinutes(2)).build();
            verified = measure(client, file, sha1, megabytes, uploads, chunkMiB * MIB, source);
        } finally {
            Files.deleteIfExists(file);
        }
        System.exit(verified ? 0 : 1);
    }

    private static boolean measure(ReactiveMediaWikiClient client, Path file, String sha1, int megabytes, int uploads,
            int chunk, String source) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        client.uploads().upload(UploadRequest.of("Warm up.png", UploadContent.of(new byte[] {(byte) 0x89, 'P', 'N',
                'G', 1, 2, 3}))).block(Duration.ofMinutes(1));
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        HeapSampler heap = new HeapSampler();
        long start = System.nanoTime();
        List<UploadResult> results;
        try {
            results = Flux.range(0, uploads).flatMap(i -> client.uploads().upload(UploadRequest.of("Probe " + i
                    + ".png", content(file, megabytes, source)).chunkSize(chunk)
                    .warningPolicy(UploadWarningPolicy.IGNORE)), uploads).collectList().block(Duration.ofHours(1));
        } finally {
            heap.close();
        }
        long peak = heap.peak();
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean verified = results != null && results.size() == uploads
                && results.stream().allMatch(r -> r.sha1().equals(sha1));
        System.out.printf("uploads=%d size_mib=%d chunk_mib=%d source=%s elapsed_s=%.1f throughput_mib_s=%.1f "
                        + "heap_before_mb=%.1f peak_heap_mb=%.1f peak_growth_mb=%.1f max_heap_mb=%.0f verified=%s%n",
                uploads, megabytes, chunk / MIB, source, seconds, uploads * megabytes / seconds, before / 1048576.0,
                peak / 1048576.0, (peak - before) / 1048576.0,
                memory.getHeapMemoryUsage().getMax() / 1048576.0, verified);
        return verified;
    }

    private static UploadContent content(Path file, int megabytes, String source) {
        if (source.equals("path")) {
            return UploadContent.of(file);
        }
        return UploadContent.of(DataBufferUtils.read(file, DefaultDataBufferFactory.sharedInstance, 8192),
                (long) megabytes * MIB);
    }

    /** A PNG-headed file of random bytes; its SHA-1. */
    private static String write(Path file, int megabytes) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        Random random = new Random(1);
        byte[] block = new byte[MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < megabytes; i++) {
                random.nextBytes(block);
                if (i == 0) {
                    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 0, block, 0, 8);
                }
                sha1.update(block);
                out.write(block);
            }
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    /** The child process: a LocalWiki taking large uploads, until killed. */
    private static void serve() throws InterruptedException {
        LocalWiki wiki = LocalWiki.start();
        wiki.uploadLimits().maxUploadSize(4L * 1024 * MIB).phpUploadMaxFilesize(256L * MIB)
                .phpPostMaxSize(257L * MIB);
        wiki.registerUser("Alice");
        Consumer consumer = wiki.registerConsumer(ConsumerRegistration.ownerOnly("Upload probe", "Alice")
                .withGrants("basic", "editpage", "createeditmovepage", "uploadfile"));
        ChildWiki.serve(wiki, consumer, new AccessToken(consumer.ownerToken(), consumer.ownerSecret()));
    }
}
