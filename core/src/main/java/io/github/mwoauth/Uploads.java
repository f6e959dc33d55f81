package io.github.mwoauth;

import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * File uploads ({@code action=upload}) as the client's current user, from {@link ReactiveMediaWikiClient#uploads()}.
 *
 * <p>The bytes go to the wiki's upload stash, in one request up to {@link UploadRequest#chunkSize(int)} bytes and
 * in chunks above, streamed (a stream is held one chunk at a time, a file is read as it is sent) and hashed as they
 * go. The stashed copy's SHA-1 and size are compared with what was sent before the file is published, and the
 * published version's again after. Warnings at publishing go to the request's {@link UploadWarningPolicy}. A chunk
 * that fails is sent again, signed anew; after "Invalid chunk offset" the upload goes on from the wiki's offset; an
 * overwrite that clashes with another in the same second waits and tries again; an interrupted upload can be
 * resumed from its stash key ({@link UploadRequest#resume(String, long)}). Errors: an {@link UploadException} with
 * the wiki's code, and those of {@link ReactiveMediaWikiClient#request(java.util.Map, URI)}.
 */
public final class Uploads {

    private final ReactiveMediaWikiClient client;
    private final ApiCalls api;

    Uploads(ReactiveMediaWikiClient client, ApiCalls api) {
        this.client = client;
        this.api = api;
    }

    /** Uploads and publishes the file; the result describes the version the wiki stored. */
    public Mono<UploadResult> upload(UploadRequest request) {
        return run(request, progress -> { });
    }

    /**
     * Uploads and publishes the file, telling how far it got: events while the bytes go (at most one per 256 KiB),
     * then while the wiki's copy is checked and published, and last one with {@link UploadProgress#result()}. A
     * slow subscriber sees the latest event; cancelling stops the upload after the request under way.
     */
    public Flux<UploadProgress> uploadWithProgress(UploadRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        return Flux.create(sink -> {
            Disposable running = run(request, sink::next).contextWrite(sink.contextView()).subscribe(result -> {
                sink.next(new UploadProgress(UploadProgress.Stage.DONE, result.size(), result.size(), null, result));
                sink.complete();
            }, sink::error);
            sink.onDispose(running);
        }, FluxSink.OverflowStrategy.LATEST);
    }

    private Mono<UploadResult> run(UploadRequest request, Consumer<UploadProgress> progress) {
        Objects.requireNonNull(request, "request cannot be null");
        URI apiUrl = request.apiUrl != null ? request.apiUrl : client.endpoints().apiPhp();
        boolean bot = client.tokenStore().isFixed();
        return client.asCurrentUser(apiUrl, credentials -> new UploadRun(api, apiUrl, credentials, bot, request,
                progress).run());
    }
}
