package io.github.mwoauth;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A published upload, as the wiki stored it (checked against the bytes sent).
 *
 * @param filename the name as stored (the wiki's DB key: underscores, first letter upper case)
 * @param sha1 the SHA-1 of the content, 40 hex digits
 * @param size the size in bytes
 * @param url the file's URL, or {@code null} if the wiki did not say
 * @param descriptionUrl the URL of the file's description page, or {@code null}
 * @param warnings the warnings met on the way (empty when none)
 * @param imageinfo the wiki's whole {@code imageinfo} of the new version
 */
public record UploadResult(String filename, String sha1, long size, @Nullable String url,
        @Nullable String descriptionUrl, UploadWarnings warnings, JsonNode imageinfo) {
}
