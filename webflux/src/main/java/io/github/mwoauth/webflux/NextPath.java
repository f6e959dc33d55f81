package io.github.mwoauth.webflux;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriUtils;

/**
 * Where to send the user after login or logout: a {@code next} value is accepted only as a path on this site.
 *
 * <p>The value (as the query string decoder left it) must be printable ASCII from the URI path and query
 * character set, start with exactly one {@code /}, hold no {@code //}, no {@code \}, no dot segment, no
 * control character and no fragment, and be at most {@value #MAX_LENGTH} characters. Its percent-escapes
 * must be well formed and must not hide a slash, backslash, dot, percent sign or control character (double
 * encoding), and what they decode to must be valid UTF-8 without look-alike slashes, invisible formatting
 * characters or anything that Unicode compatibility normalization turns into URL syntax. Anything else is
 * refused, and the caller falls back to its default.
 */
public final class NextPath {

    /** The longest {@code next} accepted. */
    public static final int MAX_LENGTH = 1024;

    private static final String ALLOWED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            + "-._~!$&'()*+,;=:@/?%";

    /** Characters that render like a slash or backslash but are not one. */
    private static final String LOOK_ALIKES = "\u2044\u2215\u2216\u2571\u2572\u27cb\u27cd\u29f5\u29f6\u29f8\u29f9"
            + "\u3002\uff61\u3033\u30fb\ufe68\uff0f\uff3c\u1735\u0338\u20e5\u2cf9\u2cfa\u2f03\u31d3";

    private NextPath() {
    }

    /** The accepted path, or empty when {@code next} is absent or not a safe same-site path. */
    public static Optional<String> validate(@Nullable String next) {
        if (next == null || next.isEmpty() || next.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        return isSafe(next) ? Optional.of(next) : Optional.empty();
    }

    /** {@code next} if it is a safe same-site path, else {@code fallback}. */
    public static String orDefault(@Nullable String next, String fallback) {
        Objects.requireNonNull(fallback, "fallback cannot be null");
        return validate(next).orElse(fallback);
    }

    /**
     * Where to send a user who must log in first: {@code <loginPath>?next=<path and query of current>}, the
     * location percent-encoded as one query value; just {@code loginPath} when that location is not a safe
     * {@code next} (the login route would ignore it).
     *
     * @param loginPath the full login path, e.g. {@code /login}
     * @param current the URI of the request that needs a login
     */
    public static URI loginUrl(String loginPath, URI current) {
        Objects.requireNonNull(loginPath, "loginPath cannot be null");
        String here = current.getRawPath() + (current.getRawQuery() == null ? "" : "?" + current.getRawQuery());
        if (validate(here).isEmpty()) {
            return URI.create(loginPath);
        }
        return URI.create(loginPath + "?next=" + UriUtils.encodeQueryParam(here, StandardCharsets.UTF_8)
                .replace("&", "%26").replace("+", "%2B").replace("=", "%3D"));
    }

    private static boolean isSafe(String next) {
        if (next.charAt(0) != '/' || next.contains("//")) {
            return false;
        }
        for (int i = 0; i < next.length(); i++) {
            if (ALLOWED.indexOf(next.charAt(i)) < 0) {
                return false;
            }
        }
        String path = pathPart(next);
        if (hasDotSegment(path)) {
            return false;
        }
        // the raw text has no "//" and no backslash, and no escape decodes to either: only the characters remain
        Optional<String> decoded = decodeEscapes(next);
        return decoded.isPresent() && decoded.get().codePoints().allMatch(NextPath::isHarmless);
    }

    private static String pathPart(String next) {
        int query = next.indexOf('?');
        return query == -1 ? next : next.substring(0, query);
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes {@code %XX} escapes as UTF-8; empty if an escape is malformed, hides URL syntax ({@code / \\ . %}),
     * or the bytes are not UTF-8. What the decoded characters may be is {@link #isHarmless}'s to say.
     */
    private static Optional<String> decodeEscapes(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            if (i + 2 >= value.length()) {
                return Optional.empty();
            }
            int hi = Character.digit(value.charAt(i + 1), 16);
            int lo = Character.digit(value.charAt(i + 2), 16);
            if (hi == -1 || lo == -1) {
                return Optional.empty();
            }
            int b = hi * 16 + lo;
            if (b == '/' || b == '\\' || b == '.' || b == '%') {
                return Optional.empty();
            }
            bytes.write(b);
            i += 2;
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** ASCII but controls (escaped ones), or a visible character that does not pose as URL syntax. */
    private static boolean isHarmless(int cp) {
        if (cp < 0x80) {
            return cp >= 0x20 && cp != 0x7f;
        }
        if (LOOK_ALIKES.indexOf(cp) >= 0) {
            return false;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED:
                return false;
            default:
                break;
        }
        String compat = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        for (int i = 0; i < compat.length(); i++) {
            if ("/\\.:?#@%".indexOf(compat.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }
}
