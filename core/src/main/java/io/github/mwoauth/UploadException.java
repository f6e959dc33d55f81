package io.github.mwoauth;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An upload that did not complete. {@link #code()} is the wiki's error code ({@code filetype-banned},
 * {@code illegal-filename}, {@code file-too-large}, {@code badupload}, {@code permissiondenied},
 * {@code fileexists-no-change}, ...) or one of the library's: {@link #WARNINGS} (the policy stopped at
 * {@link #warnings()}), {@link #SHA1_MISMATCH} and {@link #SIZE_MISMATCH} (the wiki's copy differs from what was
 * sent), {@link #FILESIZE_CLAMPED} (the wiki cut the declared size to its limit), {@link #NOT_JSON} (an HTML page,
 * as a wiki answers a body above PHP's {@code post_max_size}), {@link #CONTENT_SIZE} (the content's length is not
 * its declared size), {@link #UNAVAILABLE} (a chunk failed in transit as often as it was tried). When the wiki holds part or all of the file in its stash, {@link #filekey()} and
 * {@link #offset()} say where to resume ({@link UploadRequest#resume(String, long)}).
 */
public class UploadException extends MediaWikiApiException {

    public static final String WARNINGS = "mwoauth-upload-warnings";
    public static final String SHA1_MISMATCH = "mwoauth-sha1-mismatch";
    public static final String SIZE_MISMATCH = "mwoauth-size-mismatch";
    public static final String FILESIZE_CLAMPED = "mwoauth-filesize-clamped";
    public static final String NOT_JSON = "mwoauth-not-json";
    public static final String CONTENT_SIZE = "mwoauth-content-size";
    public static final String UNAVAILABLE = "mwoauth-wiki-unavailable";

    private static final long serialVersionUID = 1L;

    private final @Nullable String filekey;
    private final long offset;
    private final transient UploadWarnings warnings;

    public UploadException(String code, String info, JsonNode body, @Nullable String filekey, long offset,
            UploadWarnings warnings) {
        super(code, info, body);
        this.filekey = filekey;
        this.offset = offset;
        this.warnings = warnings;
    }

    /** The stash key of what the wiki holds, or {@code null}. */
    public @Nullable String filekey() {
        return filekey;
    }

    /** How many bytes the wiki holds under {@link #filekey()} (the whole file once it was assembled). */
    public long offset() {
        return offset;
    }

    /** The warnings that stopped the upload, or met before it failed. */
    public UploadWarnings warnings() {
        return warnings;
    }
}
