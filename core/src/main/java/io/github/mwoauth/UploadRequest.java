package io.github.mwoauth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A file to upload: its name on the wiki, the content, the description page's text and the comment, and how to
 * upload it. Immutable: every setter returns a configured copy.
 *
 * <p>Files up to {@link #chunkSize(int)} bytes go in one request, larger ones in chunks of that size (clamped to
 * the wiki's {@code minuploadchunksize} and {@code maxuploadsize}; a chunk the wiki's PHP refuses as too large is
 * sent again in the smaller pieces it accepts).
 */
public final class UploadRequest {

    /** The chunk size unless set: 4 MiB (Wikimedia accepts up to 100 MiB per request). */
    public static final int DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;

    /** How often an upload asks about a background job of the wiki unless set. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    final String filename;
    final UploadContent content;
    final @Nullable String text;
    final String comment;
    final UploadWarningPolicy warningPolicy;
    final int chunkSize;
    final @Nullable String resumeFilekey;
    final long resumeOffset;
    final boolean async;
    final Duration pollInterval;
    final @Nullable URI apiUrl;

    private UploadRequest(String filename, UploadContent content, @Nullable String text, String comment,
            UploadWarningPolicy warningPolicy, int chunkSize, @Nullable String resumeFilekey, long resumeOffset,
            boolean async, Duration pollInterval, @Nullable URI apiUrl) {
        this.filename = filename;
        this.content = content;
        this.text = text;
        this.comment = comment;
        this.warningPolicy = warningPolicy;
        this.chunkSize = chunkSize;
        this.resumeFilekey = resumeFilekey;
        this.resumeOffset = resumeOffset;
        this.async = async;
        this.pollInterval = pollInterval;
        this.apiUrl = apiUrl;
    }

    /** An upload of {@code content} as {@code filename} (e.g. {@code Sunset over the bay.jpg}). */
    public static UploadRequest of(String filename, UploadContent content) {
        Objects.requireNonNull(filename, "filename cannot be null");
        if (filename.isBlank()) {
            throw new IllegalArgumentException("filename cannot be blank");
        }
        return new UploadRequest(filename, Objects.requireNonNull(content, "content cannot be null"), null, "",
                UploadWarningPolicy.FAIL, DEFAULT_CHUNK_SIZE, null, 0, false, DEFAULT_POLL_INTERVAL, null);
    }

    /** An upload of the file at {@code path}. */
    public static UploadRequest of(String filename, Path path) {
        return of(filename, UploadContent.of(path));
    }

    /** The initial wikitext of the file's page (ignored by the wiki when the file exists); default: the comment. */
    public UploadRequest text(String value) {
        return new UploadRequest(filename, content, Objects.requireNonNull(value, "text cannot be null"), comment,
                warningPolicy, chunkSize, resumeFilekey, resumeOffset, async, pollInterval, apiUrl);
    }

    /** The upload comment (the log's summary). */
    public UploadRequest comment(String value) {
        return new UploadRequest(filename, content, text, Objects.requireNonNull(value, "comment cannot be null"),
                warningPolicy, chunkSize, resumeFilekey, resumeOffset, async, pollInterval, apiUrl);
    }

    /** What to do about warnings at commit time; default {@link UploadWarningPolicy#FAIL}. */
    public UploadRequest warningPolicy(UploadWarningPolicy value) {
        return new UploadRequest(filename, content, text, comment,
                Objects.requireNonNull(value, "warningPolicy cannot be null"), chunkSize, resumeFilekey, resumeOffset,
                async, pollInterval, apiUrl);
    }

    /**
     * The size of a chunk, and the largest file sent in one request (default {@value #DEFAULT_CHUNK_SIZE}). A
     * stream is held in memory one chunk at a time. PHP's {@code upload_max_filesize} of the wiki must allow it;
     * the wiki does not publish that limit, but names it when a chunk exceeds it.
     */
    public UploadRequest chunkSize(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("chunkSize must be positive: " + bytes);
        }
        return new UploadRequest(filename, content, text, comment, warningPolicy, bytes, resumeFilekey,
                resumeOffset, async, pollInterval, apiUrl);
    }

    /**
     * Continue an interrupted chunked upload: the wiki holds {@code offset} bytes under {@code filekey} (from an
     * {@link UploadException} or an {@link UploadProgress}). The content is still given whole: the bytes before
     * {@code offset} are read for the SHA-1 only, not sent.
     */
    public UploadRequest resume(String filekey, long offset) {
        Objects.requireNonNull(filekey, "filekey cannot be null");
        if (offset < 0) {
            throw new IllegalArgumentException("offset cannot be negative: " + offset);
        }
        return new UploadRequest(filename, content, text, comment, warningPolicy, chunkSize, filekey, offset, async,
                pollInterval, apiUrl);
    }

    /**
     * Let the wiki assemble and publish in background jobs ({@code async=1}) where it does so
     * ({@code $wgEnableAsyncUploads}); the upload then asks every {@code pollInterval} until they are done.
     */
    public UploadRequest async(boolean value, Duration pollInterval) {
        Objects.requireNonNull(pollInterval, "pollInterval cannot be null");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
        return new UploadRequest(filename, content, text, comment, warningPolicy, chunkSize, resumeFilekey,
                resumeOffset, value, pollInterval, apiUrl);
    }

    /** Upload to another allowed wiki's {@code api.php} than the login wiki's. */
    public UploadRequest apiUrl(URI value) {
        return new UploadRequest(filename, content, text, comment, warningPolicy, chunkSize, resumeFilekey,
                resumeOffset, async, pollInterval, Objects.requireNonNull(value, "apiUrl cannot be null"));
    }

    public String filename() {
        return filename;
    }

    @Override
    public String toString() {
        return "UploadRequest[filename=" + filename + ", chunkSize=" + chunkSize + ", resume=" + resumeFilekey + "@"
                + resumeOffset + ", async=" + async + "]";
    }
}
