package io.github.mwoauth.testkit;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON text as MediaWiki's {@code FormatJson::encode} writes it (PHP's {@code json_encode} with
 * {@code JSON_UNESCAPED_SLASHES}): {@code "key":value} with no spaces, or PHP's pretty print (four spaces,
 * {@code "key": value}, {@code {}} and {@code []} when empty). By default {@code <}, {@code >} and {@code &}
 * become backslash-u escapes ({@code u003C}, {@code u003E}, {@code u0026}) and so does every non-ASCII
 * character, one escape (lower-case hex) for each UTF-16 unit; {@link #UTF8_OK} keeps UTF-8 (but for U+2028 and
 * U+2029) and {@link #XMLMETA_OK} keeps {@code < > &}. Jackson writes the text; {@link PhpEscapes} says what
 * it escapes and how.
 */
final class FormatJson {

    /** Keep characters above U+007F (but U+2028, U+2029) as they are. */
    static final int UTF8_OK = 1;
    /** Keep {@code <}, {@code >} and {@code &} as they are. */
    static final int XMLMETA_OK = 2;
    static final int ALL_OK = UTF8_OK | XMLMETA_OK;

    private static final DefaultIndenter PHP_INDENT = new DefaultIndenter("    ", "\n");
    private static final DefaultPrettyPrinter PHP_PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(PHP_INDENT).withArrayIndenter(PHP_INDENT);

    /** Compact and pretty writers, indexed by the escaping flags. */
    private static final ObjectWriter[] COMPACT = new ObjectWriter[ALL_OK + 1];
    private static final ObjectWriter[] PRETTY = new ObjectWriter[ALL_OK + 1];

    static {
        ObjectWriter plain = JsonMapper.builder().build().writer();
        for (int escaping = 0; escaping <= ALL_OK; escaping++) {
            COMPACT[escaping] = plain.with(new PhpEscapes(escaping));
            PRETTY[escaping] = COMPACT[escaping].with(PHP_PRETTY);
        }
    }

    private FormatJson() {
    }

    /** {@code FormatJson::encode($value, false, $escaping)}. */
    static String encode(JsonNode value, int escaping) {
        return COMPACT[escaping].writeValueAsString(value);
    }

    /** {@code FormatJson::encode($value, true, $escaping)}: what the {@code jsonfm} page shows. */
    static String encodePretty(JsonNode value, int escaping) {
        return PRETTY[escaping].writeValueAsString(value);
    }

    /** PHP's escapes: lower-case hex where Jackson writes upper case, {@code < > &} and non-ASCII by the flags. */
    private static final class PhpEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;

        private final int[] ascii = standardAsciiEscapesForJSON();
        private final boolean utf8;

        PhpEscapes(int escaping) {
            this.utf8 = (escaping & UTF8_OK) != 0;
            for (int c = 0; c < 0x20; c++) {
                if (ascii[c] == ESCAPE_STANDARD && "\b\f\n\r\t".indexOf(c) < 0) {
                    ascii[c] = ESCAPE_CUSTOM; // the other control characters: lower-case hex, as PHP writes them
                }
            }
            if ((escaping & XMLMETA_OK) == 0) {
                ascii['<'] = ESCAPE_CUSTOM;
                ascii['>'] = ESCAPE_CUSTOM;
                ascii['&'] = ESCAPE_CUSTOM;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        /** Asked for every escaped ASCII character marked custom and for every non-ASCII UTF-16 unit. */
        @Override
        public SerializableString getEscapeSequence(int c) {
            if (c == '<' || c == '>' || c == '&') {
                return new SerializedString(String.format("\\u%04X", c)); // PHP's JSON_HEX_TAG, JSON_HEX_AMP
            }
            if (c >= 0x80 && utf8 && c != '\u2028' && c != '\u2029') {
                return null;
            }
            return new SerializedString(String.format("\\u%04x", c));
        }
    }
}
