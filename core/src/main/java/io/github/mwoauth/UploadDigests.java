package io.github.mwoauth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SHA-1 over the bytes of an upload as they pass, without moving the buffers' read positions. */
final class UploadDigests {

    private UploadDigests() {
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-1 cannot be cloned", e);
        }
    }

    static void update(MessageDigest digest, DataBuffer buffer) {
        try (DataBuffer.ByteBufferIterator it = buffer.readableByteBuffers()) {
            while (it.hasNext()) {
                digest.update(it.next());
            }
        }
    }

    /** Adds the bytes of {@code content} to {@code digest}, releasing each buffer. */
    static Mono<Void> feed(MessageDigest digest, Flux<DataBuffer> content) {
        return content.doOnNext(b -> {
            try {
                update(digest, b);
            } finally {
                org.springframework.core.io.buffer.DataBufferUtils.release(b);
            }
        }).then();
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(copy(digest).digest());
    }
}
