package io.github.mwoauth.testkit;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The upload stash, per user (not per consumer): files kept under a key for a later commit, and chunked uploads
 * in progress. An entry keeps the SHA-1 state, the size and the first bytes, never the content. Keys look like
 * MediaWiki's, {@code <random>.<random>.<user id>.<extension>}.
 */
final class UploadStash {

    /** What a background job does with an entry of {@code $wgEnableAsyncUploads}. */
    enum Job { NONE, ASSEMBLE, PUBLISH }

    /** One stash entry: a complete file, or a chunked upload still receiving chunks. */
    static final class Entry {
        final String key;
        final long userId;
        final String extension;
        final byte[] prefix;
        final Instant created;
        private MessageDigest digest;
        private long size;
        private boolean receiving;
        /** An async job queued for this entry, and whether the job runner has picked it up. */
        Job job = Job.NONE;
        boolean jobStarted;
        /** The answer of the finished job, for {@code checkstatus}. */
        tools.jackson.databind.node.@Nullable ObjectNode status;
        /** The name a queued publish job gives the file, and its fields. */
        @Nullable String publishName;
        @Nullable String publishComment;
        @Nullable String publishText;
        @Nullable String assembledKey;

        Entry(String key, long userId, String extension, byte[] prefix, MessageDigest digest, long size,
                boolean receiving, Instant created) {
            this.key = key;
            this.userId = userId;
            this.extension = extension;
            this.prefix = prefix;
            this.digest = digest;
            this.size = size;
            this.receiving = receiving;
            this.created = created;
        }

        synchronized long size() {
            return size;
        }

        synchronized boolean receiving() {
            return receiving;
        }

        synchronized MessageDigest digest() {
            return ReceivedFile.clone(digest);
        }

        synchronized String sha1() {
            return ReceivedFile.hex(digest);
        }

        /** Adds a chunk that arrived at {@code offset}; {@code false} when the entry moved on meanwhile. */
        synchronized boolean append(long offset, MessageDigest continued, long length) {
            if (!receiving || offset != size) {
                return false;
            }
            digest = continued;
            size += length;
            return true;
        }

        synchronized void finish() {
            receiving = false;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Entries whose async job finished, kept for {@code checkstatus} (bounded: the oldest go first). */
    private final io.github.mwoauth.support.BoundedCache<String, Entry> finished =
            new io.github.mwoauth.support.BoundedCache<>(1000);

    @Nullable Entry get(@Nullable String key, long userId) {
        if (key == null) {
            return null;
        }
        Entry e = entries.get(key);
        return e == null || e.userId != userId ? null : e;
    }

    /** An entry whatever its user (to continue a digest while a body arrives; checked again once it is read). */
    @Nullable Entry peek(@Nullable String key) {
        return key == null ? null : entries.get(key);
    }

    Entry put(long userId, String extension, byte[] prefix, MessageDigest digest, long size, boolean receiving,
            Instant now) {
        String key = Long.toString(Long.parseLong(Texts.randomHex(7), 16), 36) + "."
                + Long.toString(Long.parseLong(Texts.randomHex(4), 16), 36) + "." + userId + "."
                + extension.toLowerCase(Locale.ROOT);
        Entry e = new Entry(key, userId, extension, prefix, digest, size, receiving, now);
        entries.put(key, e);
        return e;
    }

    void keepFinished(Entry e) {
        finished.put(e.key, e);
    }

    @Nullable Entry peekFinished(String key, long userId) {
        Entry e = finished.get(key);
        return e == null || e.userId != userId ? null : e;
    }

    void remove(String key) {
        entries.remove(key);
    }
}
