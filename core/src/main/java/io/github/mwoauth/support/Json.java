package io.github.mwoauth.support;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The library's one JSON mapper, used once when this class is initialised: Jackson fills its deserializer and
 * serializer caches under a lock on first use, and concurrent first answers would otherwise wait for that lock
 * on event-loop threads (BlockHound reports the park).
 */
public final class Json {

    /** The shared mapper. Thread-safe. */
    public static final JsonMapper MAPPER = warmedUp(JsonMapper.builder().build());

    private Json() {
    }

    /** {@code bytes} as a JSON tree; {@code null} when they are not JSON. */
    public static @Nullable JsonNode readOrNull(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The string field {@code name} of {@code node}; {@code null} when absent or not a string. */
    public static @Nullable String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static JsonMapper warmedUp(JsonMapper mapper) {
        JsonNode tree = mapper.readTree("{\"s\":\"x\",\"n\":1,\"d\":1.5,\"b\":true,\"z\":null,\"a\":[\"x\",1,{}]}");
        mapper.treeToValue(tree, Object.class);
        mapper.writeValueAsString(tree);
        tree.toString();
        return mapper;
    }
}
