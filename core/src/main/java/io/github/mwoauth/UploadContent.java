package io.github.mwoauth;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The bytes of a file to upload: a file on disk, bytes in memory, or a stream of buffers (a WebFlux
 * {@code FilePart}'s content as the user sends it). Never read whole into memory: a file is read range by range
 * as the upload sends it (and again for a retry); a stream, which can be read only once, is held one chunk at a
 * time, so a failed chunk can be sent again.
 */
public final class UploadContent {

    private static final int READ_BUFFER = 64 * 1024;

    /** A part of the content: bytes {@code start} to {@code end}, readable in sub-ranges as often as needed. */
    record Window(long start, long end, BiFunction<Long, Long, Flux<DataBuffer>> reader) {

        Flux<DataBuffer> read(long from, long to) {
            return reader.apply(from, to);
        }
    }

    private final @Nullable Path path;
    private final byte @Nullable [] bytes;
    private final @Nullable Flux<DataBuffer> stream;
    private final long size;

    private UploadContent(@Nullable Path path, byte @Nullable [] bytes, @Nullable Flux<DataBuffer> stream, long size) {
        this.path = path;
        this.bytes = bytes;
        this.stream = stream;
        this.size = size;
    }

    /** A file on disk; its size is read when the upload starts. */
    public static UploadContent of(Path path) {
        return new UploadContent(Objects.requireNonNull(path, "path cannot be null"), null, null, -1);
    }

    /** Bytes in memory (not copied: do not change them while the upload runs). */
    public static UploadContent of(byte[] bytes) {
        return new UploadContent(null, Objects.requireNonNull(bytes, "bytes cannot be null"), null, bytes.length);
    }

    /**
     * A stream of buffers, read once; each buffer is released once used.
     *
     * @param size how many bytes the stream holds (the wiki needs the total before the last chunk)
     */
    public static UploadContent of(Flux<DataBuffer> content, long size) {
        Objects.requireNonNull(content, "content cannot be null");
        if (size < 0) {
            throw new IllegalArgumentException("size cannot be negative: " + size);
        }
        return new UploadContent(null, null, content, size);
    }

    /** The size, read from the file system for a file (off the event loop). */
    Mono<Long> size() {
        Path file = path;
        if (file == null) {
            return Mono.just(size);
        }
        return Mono.fromCallable(() -> Files.size(file)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Whether any range can be read again (a file, bytes), not only the current window (a stream). */
    boolean replayable() {
        return stream == null;
    }

    /** The content in windows of {@code windowSize} bytes (the last one shorter), for a total of {@code total}. */
    Flux<Window> windows(long total, int windowSize) {
        Flux<DataBuffer> source = stream;
        if (source == null) {
            return Flux.range(0, (int) ((total + windowSize - 1) / windowSize))
                    .map(i -> new Window((long) i * windowSize, Math.min(total, (long) (i + 1) * windowSize),
                            this::read));
        }
        long[] start = {0};
        return rechunk(source, total, windowSize).map(array -> {
            long from = start[0];
            start[0] += array.length;
            return new Window(from, from + array.length, (a, b) -> Flux.just(DefaultDataBufferFactory.sharedInstance
                    .wrap(ByteBuffer.wrap(array, (int) (a - from), (int) (b - a)))));
        });
    }

    /** Bytes {@code from} to {@code to} of a file or of the bytes in memory. */
    private Flux<DataBuffer> read(long from, long to) {
        byte[] inMemory = bytes;
        if (inMemory != null) {
            return Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(ByteBuffer.wrap(inMemory, (int) from,
                    (int) (to - from))));
        }
        Path file = Objects.requireNonNull(path);
        Flux<DataBuffer> all = DataBufferUtils.readAsynchronousFileChannel(
                () -> AsynchronousFileChannel.open(file, StandardOpenOption.READ), from,
                DefaultDataBufferFactory.sharedInstance, READ_BUFFER);
        return DataBufferUtils.takeUntilByteCount(all, to - from);
    }

    /** The stream cut into arrays of {@code windowSize} bytes, one being filled at a time. */
    private static Flux<byte[]> rechunk(Flux<DataBuffer> source, long total, int windowSize) {
        return Flux.defer(() -> {
            long[] produced = {0};
            byte[][] current = {null};
            int[] filled = {0};
            return source.concatMapIterable(buffer -> {
                List<byte[]> full = new ArrayList<>(1);
                try (DataBuffer.ByteBufferIterator it = buffer.readableByteBuffers()) {
                    while (it.hasNext()) {
                        ByteBuffer bytes = it.next();
                        while (bytes.hasRemaining()) {
                            if (current[0] == null) {
                                long left = Math.max(1, total - produced[0]);
                                current[0] = new byte[(int) Math.min(windowSize, left)];
                                filled[0] = 0;
                            }
                            int n = Math.min(bytes.remaining(), current[0].length - filled[0]);
                            bytes.get(current[0], filled[0], n);
                            filled[0] += n;
                            if (filled[0] == current[0].length) {
                                full.add(current[0]);
                                produced[0] += current[0].length;
                                current[0] = null;
                            }
                        }
                    }
                } finally {
                    DataBufferUtils.release(buffer);
                }
                return full;
            }, 1).concatWith(Mono.fromSupplier(() -> current[0] == null ? new byte[0]
                    : java.util.Arrays.copyOf(current[0], filled[0])).filter(last -> last.length > 0));
        });
    }
}
