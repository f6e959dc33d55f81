package io.github.mwoauth.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as RFC 5849 §3.6 requires it: UTF-8 bytes, every octet outside the RFC 3986 unreserved
 * set ({@code ALPHA / DIGIT / "-" / "." / "_" / "~"}) written as {@code %XX} with upper-case hex digits.
 */
public final class PercentEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final boolean[] UNRESERVED = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            UNRESERVED[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
        }
    }

    private PercentEncoding() {
    }

    /** Encodes {@code value} per RFC 5849 §3.6. */
    public static String encode(String value) {
        int length = value.length();
        int i = 0;
        while (i < length && isUnreserved(value.charAt(i))) {
            i++;
        }
        if (i == length) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved((char) c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * Decodes an {@code application/x-www-form-urlencoded} component: {@code +} is a space and {@code %XX}
     * sequences are UTF-8 octets. A malformed escape is kept literally rather than rejected, as servers do.
     */
    public static String formDecode(String value) {
        if (value.indexOf('%') < 0 && value.indexOf('+') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && i + 2 < value.length()
                    && hex(value.charAt(i + 1)) >= 0 && hex(value.charAt(i + 2)) >= 0) {
                bytes.write(hex(value.charAt(i + 1)) << 4 | hex(value.charAt(i + 2)));
                i += 2;
            } else {
                byte[] chunk = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
                    chunk = value.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(chunk, 0, chunk.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    public static boolean isUnreserved(char c) {
        return c < 128 && UNRESERVED[c];
    }

    /**
     * Writes {@code value} percent-encoded as ASCII bytes into {@code out} from {@code at}, as {@link #encode} would
     * (a lone surrogate is UTF-8 encoded as {@code ?}, as {@link String#getBytes} does), and returns where it
     * ended. {@code out} needs room for 9 bytes a character.
     */
    public static int encodeInto(String value, byte[] out, int at) {
        return encodeInto(value, out, at, false);
    }

    /**
     * Writes {@code value} percent-encoded twice, as {@code encode(encode(value))} would: each escape is written
     * {@code %25XX}. {@code out} needs room for 15 bytes a character.
     */
    public static int encodeTwiceInto(String value, byte[] out, int at) {
        return encodeInto(value, out, at, true);
    }

    /** A loop kept small for the common case, ASCII; other characters go through {@link #escapeUtf8}. */
    private static int encodeInto(String value, byte[] out, int at, boolean twice) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 128) {
                if (UNRESERVED[c]) {
                    out[at++] = (byte) c;
                } else {
                    at = escape(c, out, at, twice);
                }
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                at = escapeUtf8(Character.toCodePoint(c, value.charAt(++i)), out, at, twice);
            } else {
                at = escapeUtf8(c, out, at, twice);
            }
        }
        return at;
    }

    /** The UTF-8 octets of a code point above ASCII, escaped; a lone surrogate is {@code ?}. */
    private static int escapeUtf8(int cp, byte[] out, int at, boolean twice) {
        if (cp < 0x800) {
            at = escape(0xC0 | cp >> 6, out, at, twice);
        } else if (cp < 0x10000) {
            if (Character.isSurrogate((char) cp)) {
                return escape('?', out, at, twice);
            }
            at = escape(0xE0 | cp >> 12, out, at, twice);
            at = escape(0x80 | cp >> 6 & 0x3F, out, at, twice);
        } else {
            at = escape(0xF0 | cp >> 18, out, at, twice);
            at = escape(0x80 | cp >> 12 & 0x3F, out, at, twice);
            at = escape(0x80 | cp >> 6 & 0x3F, out, at, twice);
        }
        return escape(0x80 | cp & 0x3F, out, at, twice);
    }

    private static int escape(int octet, byte[] out, int at, boolean twice) {
        out[at++] = '%';
        if (twice) {
            out[at++] = '2';
            out[at++] = '5';
        }
        out[at] = (byte) HEX[octet >> 4];
        out[at + 1] = (byte) HEX[octet & 0xF];
        return at + 2;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
