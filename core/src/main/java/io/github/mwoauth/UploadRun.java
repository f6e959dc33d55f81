package io.github.mwoauth;

import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.login.UserCredentials;
import io.github.mwoauth.support.Json;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * One upload as one user: the wiki's limits, the bytes to the stash (in one request or in {@link ChunkedUpload
 * chunks}), the stashed copy checked against the SHA-1 and size sent ({@code prop=stashimageinfo}), the commit by
 * {@code filekey} with the warning policy, background jobs polled ({@code checkstatus}), the published version
 * checked again. Every request carries the CSRF token; every one is authorized anew.
 */
final class UploadRun {

    /** How often a commit is tried again after {@code backend-fail-alreadyexists} (same-second overwrites). */
    private static final int ALREADY_EXISTS_RETRIES = 3;
    private static final Duration ALREADY_EXISTS_WAIT = Duration.ofMillis(1100);
    /** The most {@code checkstatus} calls for one background job. */
    private static final int MAX_POLLS = 600;
    /** Progress while bytes stream is reported at most once per this many bytes. */
    private static final long PROGRESS_STEP = 256 * 1024;

    final ApiCalls api;
    final URI apiUrl;
    final UserCredentials credentials;
    final UploadRequest request;
    private final boolean bot;
    private final Consumer<UploadProgress> progress;
    private @Nullable String token;
    private UploadWarnings met = UploadWarnings.NONE;
    private long size;
    private long reported = -1;

    UploadRun(ApiCalls api, URI apiUrl, UserCredentials credentials, boolean bot, UploadRequest request,
            Consumer<UploadProgress> progress) {
        this.api = api;
        this.apiUrl = apiUrl;
        this.credentials = credentials;
        this.bot = bot;
        this.request = request;
        this.progress = progress;
    }

    Mono<UploadResult> run() {
        return Mono.zip(limits(), request.content.size()).flatMap(t -> {
            long max = t.getT1().maxUploadSize();
            this.size = t.getT2();
            if (size > max) {
                return Mono.error(failure("file-too-large", "The file has " + size + " bytes; the wiki takes at most "
                        + max, null, null, 0));
            }
            int chunk = (int) Math.max(t.getT1().minChunkSize(), Math.min(request.chunkSize, max));
            progress.accept(new UploadProgress(UploadProgress.Stage.SENDING, request.resumeOffset, size,
                    request.resumeFilekey, null));
            Mono<ChunkedUpload.Stashed> stashed = request.resumeFilekey == null && size <= chunk ? plain(chunk)
                    : chunked(chunk, request.resumeFilekey, request.resumeOffset);
            return stashed.flatMap(this::verify).flatMap(s -> commit(s, request.warningPolicy == UploadWarningPolicy.IGNORE,
                    ALREADY_EXISTS_RETRIES));
        });
    }

    /** A wiki's {@code maxuploadsize} and {@code minuploadchunksize}, from siteinfo. */
    record Limits(long maxUploadSize, long minChunkSize) {
    }

    /** {@code maxuploadsize} and {@code minuploadchunksize} of the wiki, asked once per wiki and client. */
    private Mono<Limits> limits() {
        Limits known = api.uploadLimits.get(apiUrl);
        if (known != null) {
            return Mono.just(known);
        }
        return api.call(apiUrl, api.fields(Map.of("action", "query", "meta", "siteinfo"), bot), credentials)
                .map(json -> {
                    JsonNode general = json.at("/query/general");
                    Limits limits = new Limits(general.path("maxuploadsize").asLong(Long.MAX_VALUE),
                            Math.max(1, general.path("minuploadchunksize").asLong(1024)));
                    api.uploadLimits.put(apiUrl, limits);
                    return limits;
                });
    }

    private Mono<ChunkedUpload.Stashed> chunked(int chunk, @Nullable String resumeKey, long resumeOffset) {
        return new ChunkedUpload(this, size, chunk, resumeKey, resumeOffset).send(request.content.windows(size, chunk));
    }

    /** The whole file in one request, to the stash; above PHP's limit, in chunks of the size the wiki names. */
    private Mono<ChunkedUpload.Stashed> plain(int chunk) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", "upload");
        fields.put("filename", request.filename);
        fields.put("stash", true);
        fields.put("ignorewarnings", true);
        MessageDigest[] attempt = new MessageDigest[1];
        return request.content.windows(size, Math.max(1, (int) size)).next()
                .defaultIfEmpty(new UploadContent.Window(0, 0, (a, b) -> Flux.empty()))
                .flatMap(window -> plain(window, fields, attempt));
    }

    private Mono<ChunkedUpload.Stashed> plain(UploadContent.Window window, Map<String, Object> fields,
            MessageDigest[] attempt) {
        Flux<DataBuffer> body = Flux.defer(() -> {
            MessageDigest d = UploadDigests.sha1();
            attempt[0] = d;
            long[] streamed = {0};
            return window.read(0, size).doOnNext(b -> {
                UploadDigests.update(d, b);
                streamed[0] += b.readableByteCount();
                sending(streamed[0], null);
            });
        });
        return token().flatMap(t -> api.callWithFile(apiUrl, fields(fields, t), "file", request.filename, body, size,
                        credentials))
                .flatMap(json -> {
                    JsonNode upload = json.path("upload");
                    met(upload.get("warnings"), null);
                    String key = text(upload, "filekey");
                    if (!"Success".equals(upload.path("result").asString("")) || key == null) {
                        return Mono.error(failure(UploadException.WARNINGS, "The wiki did not stash the file: "
                                + upload, json, key, 0));
                    }
                    return Mono.just(new ChunkedUpload.Stashed(key, UploadDigests.hex(attempt[0]), size));
                })
                .onErrorResume(MediaWikiApiException.class, e -> {
                    long phpLimit = error(e.body()).path("size").asLong(0);
                    if (e.code().equals("badupload") && phpLimit > 0 && phpLimit < size) {
                        // the window in hand (a stream can be read only once) goes again, in pieces PHP accepts
                        return new ChunkedUpload(this, size, (int) phpLimit, null, 0).send(Flux.just(window));
                    }
                    return Mono.error(e instanceof UploadException || e instanceof InvalidAuthorizationException ? e
                            : failure(e.code(), e.info(), e.body(), null, 0));
                })
                .onErrorMap(WikiUnavailableException.class, e -> e.kind() == WikiUnavailableException.Kind.MALFORMED_RESPONSE
                        ? failure(UploadException.NOT_JSON, e.getMessage(), null, null, 0) : e);
    }

    /** The stashed copy must have the SHA-1 and size that were sent. */
    private Mono<ChunkedUpload.Stashed> verify(ChunkedUpload.Stashed stashed) {
        progress.accept(new UploadProgress(UploadProgress.Stage.VERIFYING, size, size, stashed.filekey(), null));
        Map<String, Object> query = Map.of("action", "query", "prop", "stashimageinfo", "siifilekey",
                stashed.filekey(), "siiprop", "sha1|size");
        return api.call(apiUrl, api.fields(query, bot), credentials).flatMap(json -> {
            JsonNode info = json.at("/query/stashimageinfo/0");
            return check(info, stashed, json).then(Mono.just(stashed));
        });
    }

    private Mono<Void> check(JsonNode info, ChunkedUpload.Stashed sent, JsonNode json) {
        long wikiSize = info.path("size").asLong(-1);
        if (wikiSize != sent.size()) {
            return Mono.error(failure(UploadException.SIZE_MISMATCH, "The wiki holds " + wikiSize + " bytes; "
                    + sent.size() + " were sent", json, sent.filekey(), Math.max(0, wikiSize)));
        }
        String sha1 = info.path("sha1").asString("");
        if (!sha1.equalsIgnoreCase(sent.sha1())) {
            return Mono.error(failure(UploadException.SHA1_MISMATCH, "The wiki's copy has SHA-1 " + sha1 + "; the bytes "
                    + "sent have " + sent.sha1(), json, sent.filekey(), wikiSize));
        }
        return Mono.empty();
    }

    /** Publishes the stashed file; warnings go to the policy; a same-second clash waits and tries again. */
    private Mono<UploadResult> commit(ChunkedUpload.Stashed stashed, boolean ignoreWarnings, int retries) {
        progress.accept(new UploadProgress(UploadProgress.Stage.COMMITTING, size, size, stashed.filekey(), null));
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("action", "upload");
        query.put("filename", request.filename);
        query.put("filekey", stashed.filekey());
        query.put("comment", request.comment);
        if (request.text != null) {
            query.put("text", request.text);
        }
        query.put("ignorewarnings", ignoreWarnings);
        query.put("async", request.async);
        return api.callWithCsrfToken(apiUrl, api.fields(query, bot), credentials, bot)
                .flatMap(json -> "Poll".equals(json.path("upload").path("result").asString("")) ? poll(stashed.filekey())
                        : Mono.just(json))
                .flatMap(json -> committed(json, stashed))
                .onErrorResume(MediaWikiApiException.class, e -> {
                    if (e.code().equals("backend-fail-alreadyexists") && retries > 0) {
                        return Mono.delay(ALREADY_EXISTS_WAIT).then(commit(stashed, ignoreWarnings, retries - 1));
                    }
                    return Mono.error(e instanceof UploadException || e instanceof InvalidAuthorizationException ? e
                            : failure(e.code(), e.info(), e.body(), stashed.filekey(), size));
                });
    }

    private Mono<UploadResult> committed(JsonNode json, ChunkedUpload.Stashed stashed) {
        JsonNode upload = json.path("upload");
        String result = upload.path("result").asString("");
        if (result.equals("Warning")) {
            String key = text(upload, "filekey");
            UploadWarnings warnings = UploadWarnings.of(upload.get("warnings"), key);
            met = met.plus(warnings);
            ChunkedUpload.Stashed again = new ChunkedUpload.Stashed(key != null ? key : stashed.filekey(),
                    stashed.sha1(), stashed.size());
            return request.warningPolicy.proceed(warnings).defaultIfEmpty(false).flatMap(go -> go
                    ? commit(again, true, ALREADY_EXISTS_RETRIES)
                    : Mono.error(failure(UploadException.WARNINGS, "The wiki warned: " + warnings.names(), json,
                            again.filekey(), size)));
        }
        if (!result.equals("Success")) {
            return Mono.error(failure(UploadException.NOT_JSON, "Unexpected upload answer: " + result, json,
                    stashed.filekey(), size));
        }
        met(upload.get("warnings"), null);
        JsonNode info = upload.path("imageinfo");
        ChunkedUpload.Stashed published = new ChunkedUpload.Stashed(stashed.filekey(), stashed.sha1(), stashed.size());
        return check(info, published, json).then(Mono.fromSupplier(() -> new UploadResult(
                upload.path("filename").asString(request.filename), stashed.sha1(), stashed.size(), text(info, "url"),
                text(info, "descriptionurl"), met, info)));
    }

    /** Asks about a background job ({@code checkstatus}) until it is no longer queued or running. */
    Mono<JsonNode> poll(@Nullable String filekey) {
        return poll(filekey, MAX_POLLS);
    }

    private Mono<JsonNode> poll(@Nullable String filekey, int left) {
        Map<String, Object> query = Map.of("action", "upload", "checkstatus", true, "filekey",
                filekey == null ? "" : filekey);
        return Mono.delay(request.pollInterval)
                .then(Mono.defer(() -> api.callWithCsrfToken(apiUrl, api.fields(query, bot), credentials, bot)))
                .flatMap(json -> {
                    if (!"Poll".equals(json.path("upload").path("result").asString(""))) {
                        return Mono.just(json);
                    }
                    return left > 1 ? poll(filekey, left - 1) : Mono.error(failure("missingresult",
                            "The wiki's background job did not finish", json, filekey, size));
                });
    }

    Mono<String> token() {
        String known = token;
        return known != null ? Mono.just(known) : api.csrfToken(apiUrl, credentials, bot, false)
                .doOnNext(t -> token = t);
    }

    Mono<String> refreshToken() {
        return api.csrfToken(apiUrl, credentials, bot, true).doOnNext(t -> token = t);
    }

    /** The fields of a multipart upload request: the client's defaults, then the CSRF token. */
    List<Parameter> fields(Map<String, ?> query, String csrfToken) {
        List<Parameter> form = new ArrayList<>(api.fields(query, bot));
        form.add(new Parameter("token", csrfToken));
        return form;
    }

    void sending(long bytesSent, @Nullable String filekey) {
        if (bytesSent - reported >= PROGRESS_STEP || bytesSent == size) {
            reported = bytesSent;
            progress.accept(new UploadProgress(UploadProgress.Stage.SENDING, bytesSent, size, filekey, null));
        }
    }

    void met(@Nullable JsonNode warnings, @Nullable String filekey) {
        UploadWarnings w = UploadWarnings.of(warnings, filekey);
        if (!w.isEmpty()) {
            met = met.plus(w);
        }
    }

    UploadException failure(String code, String info, @Nullable JsonNode body, @Nullable String filekey, long offset) {
        return new UploadException(code, info, body != null ? body : Json.MAPPER.createObjectNode(), filekey, offset,
                met);
    }

    /** Whether the wiki clamped the declared {@code filesize} (a warning of the upload module). */
    static boolean clamped(JsonNode json) {
        JsonNode warning = json.at("/warnings/upload");
        return !warning.isMissingNode() && warning.toString().contains("filesize");
    }

    /** The {@code error} object of an error body, in either error format. */
    static JsonNode error(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isMissingNode()) {
            JsonNode first = body.path("errors").path(0);
            error = first.has("data") ? first.path("data") : first;
        }
        return error;
    }

    static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
