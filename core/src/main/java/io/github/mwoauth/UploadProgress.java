package io.github.mwoauth;

import org.jspecify.annotations.Nullable;

/**
 * Where an upload stands, for a progress bar: the bytes the wiki has confirmed or is receiving, of how many.
 *
 * @param stage the step under way
 * @param bytesSent bytes sent so far (of the current attempt's chunk too)
 * @param totalBytes the file's size
 * @param filekey the wiki's stash key once it gave one (to resume from), else {@code null}
 * @param result the published file, on the last event ({@link Stage#DONE}) only
 */
public record UploadProgress(Stage stage, long bytesSent, long totalBytes, @Nullable String filekey,
        @Nullable UploadResult result) {

    /** The steps of an upload. */
    public enum Stage {
        /** Bytes go to the wiki's stash. */
        SENDING,
        /** The wiki's copy is compared with what was sent. */
        VERIFYING,
        /** The stashed file is being published. */
        COMMITTING,
        /** Published; {@link #result()} holds it. */
        DONE
    }

    /** The share sent, 0 to 1. */
    public double fraction() {
        return totalBytes <= 0 ? 1 : Math.min(1, (double) bytesSent / totalBytes);
    }
}
