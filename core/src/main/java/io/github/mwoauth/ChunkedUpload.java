package io.github.mwoauth;

import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.login.UserCredentials;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The chunks of one upload to the wiki's stash ({@code offset}, {@code filekey}, {@code filesize},
 * {@code ignorewarnings} on every chunk), with the SHA-1 of what the wiki confirmed kept as the chunks go. A chunk
 * that fails in transit is sent again (signed anew); "Invalid chunk offset" resumes from the wiki's offset; a
 * chunk PHP finds too large is sent again in the pieces its answer allows; a {@code filesize} the wiki clamped
 * stops the upload. Mutable, used by one upload at a time.
 */
final class ChunkedUpload {

    /** How often one piece is tried when the connection fails. */
    private static final int ATTEMPTS = 4;
    private static final Duration RETRY_DELAY = Duration.ofMillis(250);

    /** Where the stash stands when the chunks are all in: the key to commit and what the wiki should hold. */
    record Stashed(String filekey, String sha1, long size) {
    }

    private final UploadRun run;
    private final long size;
    private @Nullable String filekey;
    private @Nullable String finalKey;
    private long confirmed;
    private MessageDigest digest = UploadDigests.sha1();
    private long hashed;
    private int pieceSize;

    ChunkedUpload(UploadRun run, long size, int chunkSize, @Nullable String resumeKey, long resumeOffset) {
        this.run = run;
        this.size = size;
        this.pieceSize = chunkSize;
        this.filekey = resumeKey;
        this.confirmed = resumeKey == null ? 0 : resumeOffset;
    }

    Mono<Stashed> send(Flux<UploadContent.Window> windows) {
        return windows.concatMap(this::window, 0).then(Mono.defer(() -> {
            String key = finalKey;
            if (key == null || hashed != size) {
                return Mono.error(run.failure(UploadException.CONTENT_SIZE, "The content ended after " + hashed
                        + " of its " + size + " bytes", null, filekey, confirmed));
            }
            return Mono.just(new Stashed(key, UploadDigests.hex(digest), size));
        }));
    }

    private Mono<Void> window(UploadContent.Window w) {
        if (w.start() != hashed || w.end() > size) {
            return Mono.error(run.failure(UploadException.CONTENT_SIZE, "The content holds more than its declared "
                    + size + " bytes", null, filekey, confirmed));
        }
        MessageDigest atStart = UploadDigests.copy(digest);
        long skip = Math.min(w.end(), Math.max(w.start(), confirmed));
        Mono<Void> skipped = skip == w.start() ? Mono.empty() : UploadDigests.feed(digest, w.read(w.start(), skip))
                .then(Mono.fromRunnable(() -> hashed = skip));
        return skipped.then(Mono.defer(() -> pieces(w, atStart)));
    }

    /** The pieces of window {@code w} from the confirmed offset on, one after the other. */
    private Mono<Void> pieces(UploadContent.Window w, MessageDigest atStart) {
        if (confirmed >= w.end()) {
            return Mono.empty();
        }
        long from = confirmed;
        long to = Math.min(w.end(), from + pieceSize);
        return piece(w, atStart, from, to, ATTEMPTS).then(Mono.defer(() -> pieces(w, atStart)));
    }

    private Mono<Void> piece(UploadContent.Window w, MessageDigest atStart, long from, long to, int attempts) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", "upload");
        fields.put("filename", run.request.filename);
        fields.put("filesize", size);
        fields.put("offset", from);
        if (from > 0 && filekey != null) {
            fields.put("filekey", filekey);
        }
        fields.put("stash", true);
        fields.put("ignorewarnings", true);
        if (to == size && run.request.async) {
            fields.put("async", true);
        }
        MessageDigest[] attempt = new MessageDigest[1];
        Flux<DataBuffer> body = Flux.defer(() -> {
            MessageDigest d = UploadDigests.copy(digest);
            attempt[0] = d;
            long[] streamed = {from};
            return w.read(from, to).doOnNext(b -> {
                UploadDigests.update(d, b);
                streamed[0] += b.readableByteCount();
                run.sending(streamed[0], filekey);
            });
        });
        return run.token().flatMap(token -> {
            List<Parameter> form = run.fields(fields, token);
            return run.api.callWithFile(run.apiUrl, form, "chunk", "blob", body, to - from, run.credentials);
        }).flatMap(json -> answer(json, w, atStart, to, attempt[0]))
                .onErrorResume(e -> failure(e, w, atStart, from, to, attempts));
    }

    private Mono<Void> answer(JsonNode json, UploadContent.Window w, MessageDigest atStart, long to,
            MessageDigest attempt) {
        if (UploadRun.clamped(json)) {
            return Mono.error(run.failure(UploadException.FILESIZE_CLAMPED, "The wiki cut the declared size of "
                    + size + " bytes to its limit: " + json.at("/warnings/upload"), json, filekey, confirmed));
        }
        JsonNode upload = json.path("upload");
        run.met(upload.get("warnings"), null);
        String result = upload.path("result").asString("");
        String key = UploadRun.text(upload, "filekey");
        switch (result) {
            case "Continue" -> {
                filekey = key != null ? key : filekey;
                long wikiOffset = upload.path("offset").asLong(-1);
                if (wikiOffset == to) {
                    accept(attempt, to);
                    return Mono.empty();
                }
                return resync(w, atStart, wikiOffset, json);
            }
            case "Success" -> {
                accept(attempt, to);
                finalKey = key;
                return to == size && key != null ? Mono.empty() : Mono.error(run.failure(UploadException.SIZE_MISMATCH,
                        "The wiki finished the file after " + to + " of " + size + " bytes", json, key, to));
            }
            case "Poll" -> {
                accept(attempt, to);
                String session = key != null ? key : filekey;
                return run.poll(session).flatMap(done -> {
                    finalKey = UploadRun.text(done.path("upload"), "filekey");
                    return finalKey != null ? Mono.<Void>empty() : Mono.error(run.failure("missingresult",
                            "The wiki's background job gave no file key", done, session, to));
                });
            }
            default -> {
                return Mono.error(run.failure(UploadException.WARNINGS, "The wiki answered a chunk with " + result,
                        json, key, confirmed));
            }
        }
    }

    private void accept(MessageDigest attempt, long to) {
        digest = attempt;
        confirmed = to;
        hashed = to;
    }

    private Mono<Void> failure(Throwable e, UploadContent.Window w, MessageDigest atStart, long from, long to,
            int attempts) {
        if (e instanceof InvalidAuthorizationException || e instanceof UploadException) {
            return Mono.error(e);
        }
        if (e instanceof MediaWikiApiException api) {
            JsonNode error = UploadRun.error(api.body());
            String wikiOffset = UploadRun.text(error, "offset");
            long held = wikiOffset == null ? -1 : UploadRun.parseLong(wikiOffset);
            if (api.code().equals("stashfailed") && held >= 0 && held != from) {
                return resync(w, atStart, held, api.body());
            }
            long phpLimit = error.path("size").asLong(0);
            if (api.code().equals("badupload") && phpLimit > 0 && phpLimit < to - from && attempts > 0) {
                pieceSize = (int) phpLimit;
                return Mono.empty();
            }
            if (api.code().equals("badtoken") && attempts > 0) {
                return run.refreshToken().then(piece(w, atStart, from, to, attempts - 1));
            }
            return Mono.error(run.failure(api.code(), api.info(), api.body(), filekey, confirmed));
        }
        if (e instanceof WikiUnavailableException unavailable) {
            if (unavailable.kind() == WikiUnavailableException.Kind.MALFORMED_RESPONSE) {
                return Mono.error(run.failure(UploadException.NOT_JSON, unavailable.getMessage(), null, filekey,
                        confirmed));
            }
            if (attempts <= 1) {
                return Mono.error(run.failure(UploadException.UNAVAILABLE, unavailable.getMessage(), null, filekey,
                        confirmed));
            }
            return Mono.delay(RETRY_DELAY.multipliedBy(ATTEMPTS - attempts + 1))
                    .then(Mono.defer(() -> piece(w, atStart, from, to, attempts - 1)));
        }
        return Mono.error(e);
    }

    /** The wiki holds {@code wikiOffset} bytes: continue from there if the window in hand reaches it. */
    private Mono<Void> resync(UploadContent.Window w, MessageDigest atStart, long wikiOffset, JsonNode body) {
        if (wikiOffset < w.start() || wikiOffset > w.end()) {
            return Mono.error(run.failure("stashfailed", "The wiki holds " + wikiOffset + " bytes, outside the chunk "
                    + "in hand (" + w.start() + " to " + w.end() + ")", body, filekey, wikiOffset));
        }
        MessageDigest d = UploadDigests.copy(atStart);
        return UploadDigests.feed(d, w.read(w.start(), wikiOffset)).then(Mono.fromRunnable(() -> {
            digest = d;
            confirmed = wikiOffset;
            hashed = wikiOffset;
        }));
    }
}
