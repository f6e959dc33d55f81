package io.github.mwoauth.testkit;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * JSON text as MediaWiki's {@code FormatJson::encode} writes it (PHP's {@code json_encode} with
 * {@code JSON_UNESCAPED_SLASHES}): {@code "key":value} with no spaces, or PHP's pretty print (four spaces,
 * {@code "key": value}). By default {@code <}, {@code >} and {@code &} become backslash-u escapes
 * ({@code u003C}, {@code u003E}, {@code u0026}) and so does every non-ASCII character, one escape (lower-case
 * hex) for each UTF-16 unit; {@link #UTF8_OK}
 * keeps UTF-8 (but for U+2028 and U+2029) and {@link #XMLMETA_OK} keeps {@code < > &}.
 */
final class FormatJson {

    /** Keep characters above U+007F (but U+2028, U+2029) as they are. */
    static final int UTF8_OK = 1;
    /** Keep {@code <}, {@code >} and {@code &} as they are. */
    static final int XMLMETA_OK = 2;
    static final int ALL_OK = UTF8_OK | XMLMETA_OK;

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final String INDENT = "    ";

    private FormatJson() {
    }

    /** {@code FormatJson::encode($value, false, $escaping)}. */
    static String encode(JsonNode value, int escaping) {
        StringBuilder out = new StringBuilder(256);
        write(out, value, escaping, -1);
        return out.toString();
    }

    /** {@code FormatJson::encode($value, true, $escaping)}: what the {@code jsonfm} page shows. */
    static String encodePretty(JsonNode value, int escaping) {
        StringBuilder out = new StringBuilder(256);
        write(out, value, escaping, 0);
        return out.toString();
    }

    /** @param depth the indentation level, or -1 for compact output */
    private static void write(StringBuilder out, JsonNode value, int escaping, int depth) {
        if (value.isObject()) {
            if (value.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                out.append(first ? "" : ",");
                first = false;
                newline(out, depth < 0 ? -1 : depth + 1);
                string(out, e.getKey(), escaping);
                out.append(depth < 0 ? ":" : ": ");
                write(out, e.getValue(), escaping, depth < 0 ? -1 : depth + 1);
            }
            newline(out, depth);
            out.append('}');
        } else if (value.isArray()) {
            if (value.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            boolean first = true;
            for (JsonNode item : value.values()) {
                out.append(first ? "" : ",");
                first = false;
                newline(out, depth < 0 ? -1 : depth + 1);
                write(out, item, escaping, depth < 0 ? -1 : depth + 1);
            }
            newline(out, depth);
            out.append(']');
        } else if (value.isString()) {
            string(out, value.asString(), escaping);
        } else {
            // numbers, booleans and null print as JSON literals in both encoders
            out.append(value);
        }
    }

    private static void newline(StringBuilder out, int depth) {
        if (depth >= 0) {
            out.append('\n').append(INDENT.repeat(depth));
        }
    }

    private static void string(StringBuilder out, String s, int escaping) {
        boolean utf8 = (escaping & UTF8_OK) != 0;
        boolean xmlMeta = (escaping & XMLMETA_OK) != 0;
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<' -> out.append(xmlMeta ? "<" : "\\u003C");
                case '>' -> out.append(xmlMeta ? ">" : "\\u003E");
                case '&' -> out.append(xmlMeta ? "&" : "\\u0026");
                default -> {
                    if (c < 0x20 || c >= 0x80 && (!utf8 || c == '\u2028' || c == '\u2029')) {
                        unicode(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicode(StringBuilder out, char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
