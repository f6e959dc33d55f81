package io.github.mwoauth.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * A file part of a multipart body as PHP keeps it, without keeping the bytes: its size, its SHA-1 (continuing the
 * digest of a chunked upload when the part came after its {@code filekey} and {@code offset} fields) and the first
 * bytes, for the wiki's type checks. Only when the part came before its {@code offset} field (the field order is
 * the client's choice) are its bytes kept too, at most PHP's {@code upload_max_filesize} of them. Parts larger
 * than that are counted and dropped, as PHP does ({@code UPLOAD_ERR_INI_SIZE}).
 */
final class ReceivedFile {

    /** How many leading bytes are kept for type detection. */
    static final int PREFIX = 1024;

    final String field;
    /** The part's {@code filename=}, or {@code null} when it has none (then PHP does not see a file). */
    final @Nullable String filename;
    /** The chunked upload whose digest {@link #digest} continues: its key and offset; {@code null}: a fresh one. */
    final @Nullable String seedKey;
    final long seedOffset;
    private final long limit;
    private final MessageDigest digest;
    /** The part's own digest beside a continued one, when a warning may stash the part alone. */
    private final @Nullable MessageDigest own;
    private @Nullable ByteArrayOutputStream copy;
    private final byte[] prefix = new byte[PREFIX];
    private int prefixLength;
    private long size;

    ReceivedFile(String field, @Nullable String filename, long limit, @Nullable MessageDigest seed,
            @Nullable String seedKey, long seedOffset, boolean keepCopy, boolean ownToo) {
        this.field = field;
        this.filename = filename;
        this.limit = limit;
        this.digest = seed != null ? seed : sha1();
        this.seedKey = seed != null ? seedKey : null;
        this.seedOffset = seedOffset;
        this.own = seed != null && ownToo ? sha1() : null;
        this.copy = keepCopy ? new ByteArrayOutputStream() : null;
    }

    void write(ByteBuffer bytes) {
        int n = bytes.remaining();
        if (prefixLength < PREFIX) {
            int take = Math.min(n, PREFIX - prefixLength);
            bytes.duplicate().get(prefix, prefixLength, take);
            prefixLength += take;
        }
        size += n;
        if (size > limit) {
            copy = null;
            return;
        }
        ByteArrayOutputStream c = copy;
        if (c != null) {
            byte[] b = new byte[n];
            bytes.duplicate().get(b);
            c.writeBytes(b);
        }
        if (own != null) {
            own.update(bytes.duplicate());
        }
        digest.update(bytes);
    }

    long size() {
        return size;
    }

    /** Larger than PHP's {@code upload_max_filesize}: PHP dropped it. */
    boolean tooLarge() {
        return size > limit;
    }

    byte[] prefix() {
        return java.util.Arrays.copyOf(prefix, prefixLength);
    }

    /** The digest of the file alone (for a plain upload or a first chunk), or {@code null} if it continued another. */
    @Nullable MessageDigest ownDigest() {
        if (seedKey == null) {
            return digest;
        }
        return own != null ? own : replay(sha1());
    }

    /**
     * The digest of a chunked upload continued by this part: {@code session} (at {@code offset}) plus these bytes,
     * or {@code null} when neither the seed nor a kept copy allows computing it.
     */
    @Nullable MessageDigest continuing(String key, long offset, MessageDigest session) {
        if (key.equals(seedKey) && offset == seedOffset) {
            return digest;
        }
        return replay(clone(session));
    }

    private @Nullable MessageDigest replay(MessageDigest into) {
        ByteArrayOutputStream c = copy;
        if (c == null) {
            return null;
        }
        into.update(c.toByteArray());
        return into;
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-1", e);
        }
    }

    static MessageDigest clone(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-1 digest cannot be cloned", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(clone(digest).digest());
    }
}
