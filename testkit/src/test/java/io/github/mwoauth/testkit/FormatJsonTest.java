package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The text PHP's {@code json_encode} would write for the same value, byte for byte. */
class FormatJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode value() {
        return JSON.readTree("{\"s\":\"a/b <i> & \\u00e9 \\ud83d\\ude00 \\u2028 \\n\\t\\u001f \\\"q\\\"\",\"n\":1.5,"
                + "\"list\":[1,true,null],\"empty\":{},\"none\":[]}");
    }

    @Test
    void compactWithDefaultEscapingEscapesTagsAmpersandAndEveryNonAsciiUnit() {
        assertThat(FormatJson.encode(value(), 0)).isEqualTo("{\"s\":\"a/b \\u003Ci\\u003E \\u0026 \\u00e9 "
                + "\\ud83d\\ude00 \\u2028 \\n\\t\\u001f \\\"q\\\"\",\"n\":1.5,\"list\":[1,true,null],\"empty\":{},"
                + "\"none\":[]}");
    }

    @Test
    void utf8AndXmlMetaFlagsKeepThoseCharactersButLineAndParagraphSeparators() {
        assertThat(FormatJson.encode(value(), FormatJson.ALL_OK)).startsWith(
                "{\"s\":\"a/b <i> & \u00e9 \ud83d\ude00 \\u2028 \\n\\t\\u001f \\\"q\\\"\"");
        assertThat(FormatJson.encode(value(), FormatJson.XMLMETA_OK)).startsWith("{\"s\":\"a/b <i> & \\u00e9 ");
    }

    @Test
    void prettyIsPhpsFourSpacesWithEmptyContainersKeptShort() {
        assertThat(FormatJson.encodePretty(JSON.readTree("{\"a\":{\"b\":[1,2],\"c\":{},\"d\":[]},\"e\":\"x\"}"), 0))
                .isEqualTo("{\n    \"a\": {\n        \"b\": [\n            1,\n            2\n        ],\n"
                        + "        \"c\": {},\n        \"d\": []\n    },\n    \"e\": \"x\"\n}");
    }
}
