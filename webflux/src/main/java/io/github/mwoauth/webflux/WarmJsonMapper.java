package io.github.mwoauth.webflux;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The module's JSON mapper, used once before any request: Jackson fills its deserializer and serializer caches
 * under a lock on first use, and concurrent first requests would otherwise wait for that lock on event-loop
 * threads (BlockHound reports the park).
 */
final class WarmJsonMapper {

    static final JsonMapper INSTANCE = JsonMapper.builder().build();

    static {
        JsonNode tree = INSTANCE.readTree("{\"s\":\"x\",\"n\":1,\"b\":true,\"z\":null,\"a\":[\"x\",{}]}");
        INSTANCE.writeValueAsString(tree);
        tree.toString();
    }

    private WarmJsonMapper() {
    }
}
