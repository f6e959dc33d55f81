package io.github.mwoauth.testkit;

import java.util.List;
import java.util.Locale;

/**
 * The upload settings of a {@link LocalWiki}, changeable while it runs: the wiki's own ({@code $wgEnableUploads},
 * {@code $wgMaxUploadSize}, {@code $wgMinUploadChunkSize}, {@code $wgFileExtensions},
 * {@code $wgEnableAsyncUploads}) and PHP's ({@code upload_max_filesize}, {@code post_max_size}), which siteinfo
 * does not report. Defaults: MediaWiki's and Debian PHP's (100 MiB, 1024 bytes, 2 MB, 8 MB). Thread-safe.
 */
public final class UploadLimits {

    private static final long MIB = 1024 * 1024;

    private volatile boolean enabled = true;
    private volatile long maxUploadSize = 100 * MIB;
    private volatile int minUploadChunkSize = 1024;
    private volatile long phpUploadMaxFilesize = 2 * MIB;
    private volatile long phpPostMaxSize = 8 * MIB;
    private volatile boolean asyncUploads;
    private volatile List<String> fileExtensions = List.of("png", "gif", "jpg", "jpeg", "webp", "svg", "pdf", "webm",
            "ogg");

    UploadLimits() {
    }

    /** {@code $wgEnableUploads}: when off, every upload answers {@code uploaddisabled}. */
    public UploadLimits enabled(boolean value) {
        this.enabled = value;
        return this;
    }

    /** {@code $wgMaxUploadSize}: siteinfo's {@code maxuploadsize}; larger files get {@code file-too-large}. */
    public UploadLimits maxUploadSize(long bytes) {
        this.maxUploadSize = positive(bytes, "maxUploadSize");
        return this;
    }

    /** {@code $wgMinUploadChunkSize}: siteinfo's {@code minuploadchunksize}, the least bytes of a non-final chunk. */
    public UploadLimits minUploadChunkSize(int bytes) {
        this.minUploadChunkSize = (int) positive(bytes, "minUploadChunkSize");
        return this;
    }

    /** PHP's {@code upload_max_filesize}: a larger file part gets {@code badupload}. Not in siteinfo. */
    public UploadLimits phpUploadMaxFilesize(long bytes) {
        this.phpUploadMaxFilesize = positive(bytes, "phpUploadMaxFilesize");
        return this;
    }

    /** PHP's {@code post_max_size}: a larger body loses every POST field (the API answers its help page). */
    public UploadLimits phpPostMaxSize(long bytes) {
        this.phpPostMaxSize = positive(bytes, "phpPostMaxSize");
        return this;
    }

    /** {@code $wgEnableAsyncUploads} with a job runner: {@code async=1} answers {@code Poll}. */
    public UploadLimits asyncUploads(boolean value) {
        this.asyncUploads = value;
        return this;
    }

    /** {@code $wgFileExtensions}, lower case. */
    public UploadLimits fileExtensions(String... extensions) {
        this.fileExtensions = List.of(extensions).stream().map(e -> e.toLowerCase(Locale.ROOT)).toList();
        return this;
    }

    public boolean enabled() {
        return enabled;
    }

    public long maxUploadSize() {
        return maxUploadSize;
    }

    public int minUploadChunkSize() {
        return minUploadChunkSize;
    }

    public long phpUploadMaxFilesize() {
        return phpUploadMaxFilesize;
    }

    public long phpPostMaxSize() {
        return phpPostMaxSize;
    }

    public boolean asyncUploads() {
        return asyncUploads;
    }

    public List<String> fileExtensions() {
        return fileExtensions;
    }

    /** A PHP size as its error messages print it: {@code 2 MB} for 2 MiB. */
    static String phpSize(long bytes) {
        return bytes % MIB == 0 ? bytes / MIB + " MB" : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    private static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "UploadLimits[enabled=" + enabled + ", maxUploadSize=" + maxUploadSize + ", minUploadChunkSize="
                + minUploadChunkSize + ", phpUploadMaxFilesize=" + phpUploadMaxFilesize + ", phpPostMaxSize="
                + phpPostMaxSize + ", asyncUploads=" + asyncUploads + "]";
    }
}
