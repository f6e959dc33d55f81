package io.github.mwoauth.testkit;

import io.github.mwoauth.http.Parameter;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.http.codec.multipart.PartEventHttpMessageReader;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Reads a request's body into a {@link WikiRequest}. Multipart bodies to api.php stream: text fields are kept,
 * file parts pass through a {@link ReceivedFile} (size, SHA-1, first bytes), so a 1 GiB upload costs no more memory
 * than a small one. PHP's {@code post_max_size} applies as in PHP: a larger body loses all its fields. Other
 * bodies are read whole, as before.
 */
final class RequestBodies {

    private static final byte[] EMPTY = new byte[0];
    /** The most bytes one text field of a multipart body may hold (a long page text, say). */
    private static final int MAX_FIELD_BYTES = 32 * 1024 * 1024;
    private static final NettyDataBufferFactory BUFFERS = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

    private RequestBodies() {
    }

    static Mono<WikiRequest> read(HttpServerRequest request, @Nullable WikiUploads uploads) {
        UploadLimits limits = uploads == null ? null : uploads.limits();
        UploadStash stash = uploads == null ? null : uploads.stash();
        String contentType = request.requestHeaders().get("Content-Type");
        boolean multipart = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
        if (!multipart || limits == null || stash == null || !request.uri().split("\\?", 2)[0].equals("/w/api.php")) {
            return request.receive().aggregate().asByteArray().defaultIfEmpty(EMPTY).map(body -> WikiRequest.of(
                    request.method().name(), request.uri(), contentType, header(request, "Authorization"),
                    header(request, "Cookie"), body));
        }
        String declared = request.requestHeaders().get("Content-Length");
        long length = declared == null ? -1 : parse(declared, -1);
        if (length > limits.phpPostMaxSize()) {
            return request.receive().then(Mono.fromSupplier(() -> multipartRequest(request, contentType, List.of(),
                    List.of())));
        }
        AtomicLong received = new AtomicLong();
        List<Parameter> fields = new ArrayList<>();
        List<ReceivedFile> files = new ArrayList<>();
        ReceivedFile[] current = new ReceivedFile[1];
        PartEventHttpMessageReader reader = new PartEventHttpMessageReader();
        reader.setMaxInMemorySize(MAX_FIELD_BYTES);
        ReactiveHttpInputMessage message = new ReactiveHttpInputMessage() {
            @Override
            public HttpHeaders getHeaders() {
                HttpHeaders headers = new HttpHeaders();
                headers.set(HttpHeaders.CONTENT_TYPE, contentType);
                return headers;
            }

            @Override
            public Flux<DataBuffer> getBody() {
                return request.receive().retain().map(b -> {
                    received.addAndGet(b.readableBytes());
                    return (DataBuffer) BUFFERS.wrap(b);
                });
            }
        };
        return reader.read(ResolvableType.forClass(PartEvent.class), message, java.util.Map.of())
                .doOnNext(event -> {
                    try {
                        accept(event, fields, files, current, limits, stash);
                    } finally {
                        DataBufferUtils.release(event.content());
                    }
                })
                .then(Mono.fromSupplier(() -> received.get() > limits.phpPostMaxSize()
                        ? multipartRequest(request, contentType, List.of(), List.of())
                        : multipartRequest(request, contentType, fields, files)));
    }

    private static void accept(PartEvent event, List<Parameter> fields, List<ReceivedFile> files,
            ReceivedFile[] current, UploadLimits limits, UploadStash stash) {
        if (event instanceof FormPartEvent form) {
            fields.add(new Parameter(form.name(), form.value()));
            return;
        }
        if (!(event instanceof FilePartEvent file)) {
            return;
        }
        ReceivedFile sink = current[0];
        if (sink == null) {
            sink = start(file.name(), file.filename(), fields, limits, stash);
            current[0] = sink;
        }
        for (DataBuffer.ByteBufferIterator it = file.content().readableByteBuffers(); it.hasNext(); ) {
            ByteBuffer bytes = it.next();
            sink.write(bytes);
        }
        if (file.isLast()) {
            files.add(sink);
            current[0] = null;
        }
    }

    /** A file part begins: continue the digest of the chunked upload its earlier fields name, if they do. */
    private static ReceivedFile start(String name, String filename, List<Parameter> fields, UploadLimits limits,
            UploadStash stash) {
        String offsetText = value(fields, "offset");
        long offset = offsetText == null ? -1 : parse(offsetText, -1);
        UploadStash.Entry entry = offset > 0 ? stash.peek(value(fields, "filekey")) : null;
        MessageDigest seed = entry != null && entry.receiving() && entry.size() == offset ? entry.digest() : null;
        return new ReceivedFile(name, filename, limits.phpUploadMaxFilesize(), seed, value(fields, "filekey"),
                offset, offsetText == null, value(fields, "ignorewarnings") == null);
    }

    private static WikiRequest multipartRequest(HttpServerRequest request, String contentType, List<Parameter> fields,
            List<ReceivedFile> files) {
        return WikiRequest.of(request.method().name(), request.uri(), contentType, header(request, "Authorization"),
                header(request, "Cookie"), EMPTY).withBody(fields, files);
    }

    private static @Nullable String value(List<Parameter> fields, String name) {
        for (Parameter p : fields) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        return null;
    }

    private static long parse(String text, long fallback) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static @Nullable String header(HttpServerRequest request, String name) {
        return request.requestHeaders().get(name);
    }
}
