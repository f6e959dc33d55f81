package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.UploadContent;
import io.github.mwoauth.UploadException;
import io.github.mwoauth.UploadProgress;
import io.github.mwoauth.UploadRequest;
import io.github.mwoauth.UploadResult;
import io.github.mwoauth.UploadWarningPolicy;
import io.github.mwoauth.UploadWarnings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Uploads through {@link ReactiveMediaWikiClient#uploads()} to LocalWiki over loopback, for both protocols: plain
 * and chunked from bytes, a file and a stream; every warning with every policy; the wiki's errors; chunk failures,
 * "Invalid chunk offset" and resuming; the size clamp; PHP's limit; same-second overwrites; progress.
 */
class UploadLocalWikiTests extends WikiTest {

    static final Duration BOUND = Duration.ofSeconds(30);
    static final int MIB = 1024 * 1024;
    static final List<String> UPLOAD_GRANTS = List.of("basic", "editpage", "createeditmovepage", "highvolume",
            "uploadfile");

    enum Protocol { OAUTH1, OAUTH2 }

    @TempDir
    Path dir;

    ReactiveMediaWikiClient client(Protocol protocol, List<String> grants) {
        ReactiveMediaWikiClient.Builder b = ReactiveMediaWikiClient.builder().endpoints(f.wiki.endpoints())
                .clock(clock).timeout(BOUND).retryBackoff(Duration.ofMillis(10))
                .userAgent("UploadTest/1.0 (test@example.org)");
        String[] g = grants.toArray(String[]::new);
        if (protocol == Protocol.OAUTH1) {
            Consumer c = f.wiki.registerConsumer(ConsumerRegistration.ownerOnly("Uploader " + grants.size(), "Alice")
                    .withGrants(g));
            return b.consumer(c.key(), c.secret()).accessToken(c.ownerToken(), c.ownerSecret()).build();
        }
        OAuth2Client c = f.wiki.registerOAuth2Client(OAuth2ClientRegistration.ownerOnly("Uploader2 " + grants.size(),
                "Alice").withGrants(g));
        return b.oauth2AccessToken(c.ownerAccessToken()).build();
    }

    ReactiveMediaWikiClient client(Protocol protocol) {
        return client(protocol, UPLOAD_GRANTS);
    }

    /** PNG bytes: the signature, an IHDR of 16×16, then bytes from {@code seed}. */
    static byte[] png(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 16, 0, 0, 0,
                16};
        System.arraycopy(head, 0, b, 0, Math.min(size, head.length));
        return b;
    }

    static String sha1(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    }

    static UploadResult upload(ReactiveMediaWikiClient client, UploadRequest request) {
        return client.uploads().upload(request).block(BOUND);
    }

    static UploadException failure(ReactiveMediaWikiClient client, UploadRequest request) {
        try {
            client.uploads().upload(request).block(BOUND);
        } catch (UploadException e) {
            return e;
        }
        throw new AssertionError("the upload did not fail");
    }

    JsonNode imageinfo(ReactiveMediaWikiClient client, String title) {
        return client.request(Map.of("action", "query", "prop", "imageinfo", "titles", title, "iiprop", "sha1|size"))
                .map(json -> json.at("/query/pages").properties().iterator().next().getValue().path("imageinfo").path(0))
                .block(BOUND);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenSmallThenOneRequestAndTheWikiStoresTheBytes(Protocol protocol) throws Exception {
        ReactiveMediaWikiClient client = client(protocol);
        byte[] bytes = png(5000, 1);
        UploadResult result = upload(client, UploadRequest.of("Upload probe one.png", UploadContent.of(bytes))
                .comment("probe upload").text("Probe [[Category:Probes]]"));
        assertThat(result.filename()).isEqualTo("Upload_probe_one.png");
        assertThat(result.sha1()).isEqualTo(sha1(bytes));
        assertThat(result.size()).isEqualTo(5000);
        assertThat(result.url()).endsWith("/Upload_probe_one.png");
        assertThat(result.warnings().isEmpty()).isTrue();
        JsonNode info = imageinfo(client, "File:Upload probe one.png");
        assertThat(info.path("sha1").asString()).isEqualTo(sha1(bytes));
        assertThat(info.path("size").asLong()).isEqualTo(5000);
        assertThat(f.wiki.pageText("File:Upload probe one.png")).isEqualTo("Probe [[Category:Probes]]");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenLargerThanAChunkThenChunkedFromAFileWithProgress(Protocol protocol) throws Exception {
        ReactiveMediaWikiClient client = client(protocol);
        byte[] bytes = png(3 * MIB + 3893, 2);
        Path file = Files.write(dir.resolve("big.png"), bytes);
        List<UploadProgress> events = client.uploads().uploadWithProgress(UploadRequest.of("Chunked one.png", file)
                .chunkSize(MIB)).collectList().block(BOUND);
        UploadProgress last = events.get(events.size() - 1);
        assertThat(last.stage()).isEqualTo(UploadProgress.Stage.DONE);
        assertThat(last.result().sha1()).isEqualTo(sha1(bytes));
        assertThat(last.result().size()).isEqualTo(bytes.length);
        List<Long> sent = events.stream().filter(p -> p.stage() == UploadProgress.Stage.SENDING)
                .map(UploadProgress::bytesSent).toList();
        assertThat(sent).isSorted().contains((long) bytes.length).hasSizeGreaterThan(4);
        assertThat(events.stream().map(UploadProgress::stage).distinct().toList()).containsExactly(
                UploadProgress.Stage.SENDING, UploadProgress.Stage.VERIFYING, UploadProgress.Stage.COMMITTING,
                UploadProgress.Stage.DONE);
        assertThat(imageinfo(client, "File:Chunked one.png").path("sha1").asString()).isEqualTo(sha1(bytes));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenAStreamThenChunkedOneChunkInMemoryAtATime(Protocol protocol) throws Exception {
        ReactiveMediaWikiClient client = client(protocol);
        byte[] bytes = png(2 * MIB + 777, 3);
        Path file = Files.write(dir.resolve("stream.png"), bytes);
        UploadContent stream = UploadContent.of(DataBufferUtils.read(file, DefaultDataBufferFactory.sharedInstance,
                8192), bytes.length);
        UploadResult result = upload(client, UploadRequest.of("Streamed.png", stream).chunkSize(512 * 1024));
        assertThat(result.sha1()).isEqualTo(sha1(bytes));
        assertThat(result.size()).isEqualTo(bytes.length);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenAbovePhpsLimitThenTheSizeTheWikiNamesIsUsedForChunks(Protocol protocol) throws Exception {
        ReactiveMediaWikiClient client = client(protocol);
        f.wiki.uploadLimits().phpUploadMaxFilesize(MIB);
        byte[] bytes = png(3 * MIB, 4);
        UploadResult result = upload(client, UploadRequest.of("Php limit.png", UploadContent.of(bytes))
                .chunkSize(4 * MIB));
        assertThat(result.sha1()).isEqualTo(sha1(bytes));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenAOneShotStreamIsAbovePhpsLimitThenTheChunkInHandGoesAgainInPieces(Protocol protocol)
            throws Exception {
        ReactiveMediaWikiClient client = client(protocol);
        f.wiki.uploadLimits().phpUploadMaxFilesize(256 * 1024);
        byte[] bytes = png(MIB, 23);
        reactor.core.publisher.Sinks.Many<org.springframework.core.io.buffer.DataBuffer> once =
                reactor.core.publisher.Sinks.many().unicast().onBackpressureBuffer();
        for (int at = 0; at < bytes.length; at += 8192) {
            once.tryEmitNext(DefaultDataBufferFactory.sharedInstance.wrap(java.util.Arrays.copyOfRange(bytes, at,
                    Math.min(bytes.length, at + 8192))));
        }
        once.tryEmitComplete();
        UploadResult result = upload(client, UploadRequest.of("One shot.png", UploadContent.of(once.asFlux(),
                bytes.length)).chunkSize(2 * MIB));
        assertThat(result.sha1()).isEqualTo(sha1(bytes));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenDuplicateThenEachPolicyDecides(Protocol protocol) throws Exception {
        ReactiveMediaWikiClient client = client(protocol);
        byte[] bytes = png(4000, 5);
        upload(client, UploadRequest.of("Original.png", UploadContent.of(bytes)));
        UploadException refused = failure(client, UploadRequest.of("Copy.png", UploadContent.of(bytes)));
        assertThat(refused.code()).isEqualTo(UploadException.WARNINGS);
        assertThat(refused.warnings().names()).containsExactly("duplicate");
        assertThat(refused.warnings().warnings().get("duplicate").get(0).asString()).isEqualTo("Original.png");
        assertThat(refused.filekey()).isNotNull();
        List<UploadWarnings> asked = new CopyOnWriteArrayList<>();
        UploadResult decided = upload(client, UploadRequest.of("Copy.png", UploadContent.of(bytes))
                .warningPolicy(w -> {
                    asked.add(w);
                    return Mono.just(true);
                }));
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).has("duplicate")).isTrue();
        assertThat(decided.filename()).isEqualTo("Copy.png");
        assertThat(decided.warnings().has("duplicate")).isTrue();
        UploadResult ignored = upload(client, UploadRequest.of("Copy two.png", UploadContent.of(bytes))
                .warningPolicy(UploadWarningPolicy.IGNORE));
        assertThat(ignored.warnings().has("duplicate")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenNameExistsThenExistsAndNochangeWarningsAndNoChangeError(Protocol protocol) throws Exception {
        ReactiveMediaWikiClient client = client(protocol);
        byte[] first = png(4000, 6);
        byte[] second = png(4000, 7);
        upload(client, UploadRequest.of("Taken.png", UploadContent.of(first)));
        clock.advance(Duration.ofSeconds(2));
        UploadException exists = failure(client, UploadRequest.of("Taken.png", UploadContent.of(second)));
        assertThat(exists.warnings().names()).containsExactly("exists");
        UploadException same = failure(client, UploadRequest.of("Taken.png", UploadContent.of(first)));
        assertThat(same.warnings().names()).contains("exists", "nochange");
        UploadResult overwritten = upload(client, UploadRequest.of("Taken.png", UploadContent.of(second))
                .warningPolicy(UploadWarningPolicy.ignoring("exists")));
        assertThat(overwritten.sha1()).isEqualTo(sha1(second));
        assertThat(overwritten.warnings().has("exists")).isTrue();
        clock.advance(Duration.ofSeconds(2));
        UploadResult old = upload(client, UploadRequest.of("Taken.png", UploadContent.of(first))
                .warningPolicy(UploadWarningPolicy.IGNORE));
        assertThat(old.warnings().names()).contains("exists", "duplicateversions");
        UploadException noChange = failure(client, UploadRequest.of("Taken.png", UploadContent.of(first))
                .warningPolicy(UploadWarningPolicy.IGNORE));
        assertThat(noChange.code()).isEqualTo("fileexists-no-change");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenNameIsRewrittenThenBadfilenameAndTheNewName(Protocol protocol) throws Exception {
        ReactiveMediaWikiClient client = client(protocol);
        UploadException refused = failure(client, UploadRequest.of("Bad|name.png", UploadContent.of(png(3000, 8))));
        assertThat(refused.warnings().warnings().get("badfilename").asString()).isEqualTo("Bad-name.png");
        UploadResult result = upload(client, UploadRequest.of("Bad|name.png", UploadContent.of(png(3000, 8)))
                .warningPolicy(UploadWarningPolicy.ignoring("badfilename")));
        assertThat(result.filename()).isEqualTo("Bad-name.png");
        UploadResult chunked = upload(client, UploadRequest.of("dir/sub/Slash name.png",
                UploadContent.of(png(3 * 1024, 9))).chunkSize(1024).warningPolicy(UploadWarningPolicy.IGNORE));
        assertThat(chunked.filename()).isEqualTo("Dir-sub-Slash_name.png");
        assertThat(chunked.warnings().has("badfilename")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenTheWikiRefusesThenItsCode(Protocol protocol) {
        ReactiveMediaWikiClient client = client(protocol);
        byte[] text = "just some text, nothing else\n".repeat(50).getBytes();
        assertThat(failure(client, UploadRequest.of("Probe text.txt", UploadContent.of(text))).code())
                .isEqualTo("filetype-banned");
        assertThat(failure(client, UploadRequest.of("Foo~~~bar.png", UploadContent.of(png(2000, 10)))).code())
                .isEqualTo("illegal-filename");
        assertThat(failure(client, UploadRequest.of("Not a png.png", UploadContent.of(text))).code())
                .isEqualTo("verification-error");
        assertThat(failure(client, UploadRequest.of("Chunked.txt", UploadContent.of(text)).chunkSize(1024)).code())
                .isEqualTo("illegal-filename");
        assertThat(failure(client, UploadRequest.of("Empty.png", UploadContent.of(new byte[0]))).code())
                .isEqualTo("empty-file");
        ReactiveMediaWikiClient noGrant = client(protocol, List.of("basic", "editpage", "highvolume"));
        assertThat(failure(noGrant, UploadRequest.of("No grant.png", UploadContent.of(png(2000, 11)))).code())
                .isEqualTo("permissiondenied");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenLargerThanMaxuploadsizeThenRefusedBeforeSending(Protocol protocol) {
        f.wiki.uploadLimits().maxUploadSize(MIB);
        ReactiveMediaWikiClient client = client(protocol);
        long before = f.wiki.requestCount();
        UploadException e = failure(client, UploadRequest.of("Too big.png", UploadContent.of(png(MIB + 1, 12))));
        assertThat(e.code()).isEqualTo("file-too-large");
        assertThat(f.wiki.requestCount() - before).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenTheWikiClampsTheDeclaredSizeThenFatal(Protocol protocol) {
        ReactiveMediaWikiClient client = client(protocol);
        upload(client, UploadRequest.of("Warm up.png", UploadContent.of(png(2000, 13))));
        f.wiki.uploadLimits().maxUploadSize(2 * MIB);
        UploadException e = failure(client, UploadRequest.of("Clamped.png", UploadContent.of(png(3 * MIB, 14)))
                .chunkSize(MIB));
        assertThat(e.code()).isEqualTo(UploadException.FILESIZE_CLAMPED);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenAChunkIsDroppedThenSentAgainSignedAnew(Protocol protocol) throws Exception {
        ReactiveMediaWikiClient client = client(protocol);
        byte[] bytes = png(3 * MIB, 15);
        AtomicInteger armed = new AtomicInteger();
        UploadResult result = client.uploads().uploadWithProgress(UploadRequest.of("Dropped.png",
                UploadContent.of(bytes)).chunkSize(MIB)).doOnNext(p -> {
                    if (p.bytesSent() > MIB && armed.getAndIncrement() == 0) {
                        f.wiki.faults(Endpoint.API).dropConnection(1);
                    }
                }).last().map(UploadProgress::result).block(BOUND);
        assertThat(result.sha1()).isEqualTo(sha1(bytes));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenTheWikiIsSlowThenEveryChunkWaitsForItsAnswer(Protocol protocol) throws Exception {
        ReactiveMediaWikiClient client = client(protocol);
        f.wiki.faults(Endpoint.API).latency(Duration.ofMillis(150));
        byte[] bytes = png(3 * 64 * 1024 + 1, 24);
        UploadResult result = upload(client, UploadRequest.of("Slow.png", UploadContent.of(bytes)).chunkSize(64 * 1024));
        assertThat(result.sha1()).isEqualTo(sha1(bytes));
        assertThat(f.wiki.requestCount(Endpoint.API)).isGreaterThanOrEqualTo(8);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenInterruptedThenTheCallerResumesFromTheFilekey(Protocol protocol) throws Exception {
        ReactiveMediaWikiClient client = client(protocol);
        byte[] bytes = png(3 * MIB + 100, 16);
        Path file = Files.write(dir.resolve("resume.png"), bytes);
        AtomicInteger armed = new AtomicInteger();
        UploadException interrupted = null;
        try {
            client.uploads().uploadWithProgress(UploadRequest.of("Resumed.png", file).chunkSize(MIB)).doOnNext(p -> {
                if (p.bytesSent() > MIB && armed.getAndIncrement() == 0) {
                    f.wiki.faults(Endpoint.API).status(500, 100);
                }
            }).blockLast(BOUND);
        } catch (UploadException e) {
            interrupted = e;
        }
        f.wiki.clearFaults();
        assertThat(interrupted).isNotNull();
        assertThat(interrupted.code()).isEqualTo(UploadException.UNAVAILABLE);
        assertThat(interrupted.filekey()).isNotNull();
        assertThat(interrupted.offset()).isEqualTo(MIB);
        UploadResult resumed = upload(client, UploadRequest.of("Resumed.png", file).chunkSize(MIB)
                .resume(interrupted.filekey(), interrupted.offset()));
        assertThat(resumed.sha1()).isEqualTo(sha1(bytes));
        assertThat(resumed.size()).isEqualTo(bytes.length);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenResumedFromAnOldOffsetThenInvalidChunkOffsetMovesItToTheWikisOffset(Protocol protocol)
            throws Exception {
        ReactiveMediaWikiClient client = client(protocol);
        byte[] bytes = png(4 * MIB, 17);
        Path file = Files.write(dir.resolve("offset.png"), bytes);
        AtomicInteger armed = new AtomicInteger();
        UploadException interrupted = null;
        try {
            client.uploads().uploadWithProgress(UploadRequest.of("Offsets.png", file).chunkSize(MIB)).doOnNext(p -> {
                if (p.bytesSent() > 2 * MIB && armed.getAndIncrement() == 0) {
                    f.wiki.faults(Endpoint.API).status(503, 100);
                }
            }).blockLast(BOUND);
        } catch (UploadException e) {
            interrupted = e;
        }
        f.wiki.clearFaults();
        assertThat(interrupted.offset()).isEqualTo(2 * MIB);
        // the caller believes only one chunk arrived: the wiki answers "Invalid chunk offset" with its own
        UploadResult resumed = upload(client, UploadRequest.of("Offsets.png", file).chunkSize(2 * MIB)
                .resume(interrupted.filekey(), MIB));
        assertThat(resumed.sha1()).isEqualTo(sha1(bytes));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenAnOverwriteClashesInTheSameSecondThenItWaitsAndTriesAgain(Protocol protocol) throws Exception {
        ReactiveMediaWikiClient client = client(protocol);
        upload(client, UploadRequest.of("Fast.png", UploadContent.of(png(2000, 18))));
        upload(client, UploadRequest.of("Fast.png", UploadContent.of(png(2000, 19)))
                .warningPolicy(UploadWarningPolicy.IGNORE));
        AtomicInteger commits = new AtomicInteger();
        byte[] third = png(2000, 20);
        UploadResult result = client.uploads().uploadWithProgress(UploadRequest.of("Fast.png",
                UploadContent.of(third)).warningPolicy(UploadWarningPolicy.IGNORE)).doOnNext(p -> {
                    if (p.stage() == UploadProgress.Stage.COMMITTING && commits.incrementAndGet() == 2) {
                        clock.advance(Duration.ofSeconds(1));
                    }
                }).last().map(UploadProgress::result).block(BOUND);
        assertThat(commits.get()).isEqualTo(2);
        assertThat(result.sha1()).isEqualTo(sha1(third));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenTheWikiWorksInBackgroundJobsThenPolled(Protocol protocol) throws Exception {
        f.wiki.uploadLimits().asyncUploads(true);
        ReactiveMediaWikiClient client = client(protocol);
        byte[] bytes = png(2 * MIB + 5, 21);
        UploadResult result = upload(client, UploadRequest.of("Async.png", UploadContent.of(bytes)).chunkSize(MIB)
                .async(true, Duration.ofMillis(10)));
        assertThat(result.filename()).isEqualTo("Async.png");
        assertThat(result.sha1()).isEqualTo(sha1(bytes));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void uploadWhenTheContentIsShorterThanDeclaredThenContentSize(Protocol protocol) throws IOException {
        ReactiveMediaWikiClient client = client(protocol);
        Path file = Files.write(dir.resolve("short.png"), png(MIB, 22));
        UploadContent lying = UploadContent.of(DataBufferUtils.read(file, DefaultDataBufferFactory.sharedInstance,
                8192), 2L * MIB);
        assertThatThrownBy(() -> upload(client, UploadRequest.of("Short.png", lying).chunkSize(512 * 1024)))
                .isInstanceOf(UploadException.class).extracting(e -> ((UploadException) e).code())
                .isEqualTo(UploadException.CONTENT_SIZE);
    }
}
