package io.github.mwoauth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The warnings the wiki raised about an upload ({@code duplicate}, {@code exists}, {@code nochange},
 * {@code duplicateversions}, {@code badfilename}, ...), each with the wiki's value: a name, a list of names, or an
 * object. While the upload waits for a decision the file stays in the wiki's stash under {@link #filekey()}.
 *
 * @param warnings the warnings by name, in the wiki's order
 * @param filekey the stash key of the file, or {@code null} when the file is not waiting in the stash
 */
public record UploadWarnings(Map<String, JsonNode> warnings, @Nullable String filekey) {

    /** No warnings. */
    public static final UploadWarnings NONE = new UploadWarnings(Map.of(), null);

    public UploadWarnings {
        warnings = Map.copyOf(new LinkedHashMap<>(warnings));
    }

    static UploadWarnings of(@Nullable JsonNode warnings, @Nullable String filekey) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (warnings != null && warnings.isObject()) {
            warnings.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return new UploadWarnings(out, filekey);
    }

    public boolean isEmpty() {
        return warnings.isEmpty();
    }

    public boolean has(String name) {
        return warnings.containsKey(name);
    }

    public Set<String> names() {
        return warnings.keySet();
    }

    /** These warnings and {@code more} (a name met twice keeps the later value). */
    UploadWarnings plus(UploadWarnings more) {
        Map<String, JsonNode> all = new LinkedHashMap<>(warnings);
        all.putAll(more.warnings);
        return new UploadWarnings(all, more.filekey != null ? more.filekey : filekey);
    }
}
