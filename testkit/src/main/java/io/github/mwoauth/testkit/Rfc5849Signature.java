package io.github.mwoauth.testkit;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA1 signature of RFC 5849, written from the RFC alone and kept apart from the library's signer (it uses
 * none of its encoding, base string or HMAC code), so that LocalWiki does not accept a signature merely because the
 * library computes it the same wrong way on both ends. Written for reading, not speed.
 */
final class Rfc5849Signature {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Rfc5849Signature() {
    }

    /**
     * Whether {@code signature} is the HMAC-SHA1 signature of the request, compared in constant time.
     *
     * @param uri the request URI; its query parameters are signed
     * @param parameters the decoded form body fields, then the {@code Authorization} header parameters
     */
    static boolean matches(String signature, String method, URI uri, List<Map.Entry<String, String>> parameters,
            String consumerSecret, String tokenSecret) {
        String expected = sign(baseString(method, uri, parameters), consumerSecret, tokenSecret);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    /** §3.4.2: Base64 of the HMAC-SHA1 of the base string, keyed with {@code enc(consumer)&enc(token)}. */
    static String sign(String baseString, String consumerSecret, String tokenSecret) {
        String key = encode(consumerSecret) + "&" + encode(tokenSecret);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 unavailable", e);
        }
    }

    /**
     * §3.4.1.1: the upper-case method, the base string URI and the normalised parameters (the URI's query and
     * {@code parameters}), each encoded and joined with {@code &}.
     */
    static String baseString(String method, URI uri, List<Map.Entry<String, String>> parameters) {
        List<Map.Entry<String, String>> all = new ArrayList<>(queryParameters(uri));
        all.addAll(parameters);
        return method.toUpperCase(Locale.ROOT) + "&" + encode(baseStringUri(uri)) + "&"
                + encode(normalizedParameters(all));
    }

    /** §3.4.1.2: lower-case scheme and host, the port unless it is the scheme's default, the path; no query. */
    static String baseStringUri(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("URI has no scheme or host: " + uri);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80
                || scheme.equals("https") && port == 443;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    /**
     * §3.4.1.3.2: each name and value encoded, sorted by name then value, joined as {@code name=value} with
     * {@code &}. {@code oauth_signature} is left out, and so is {@code realm}: the caller passes the
     * {@code Authorization} header's parameters without it (§3.4.1.3.1), while a {@code realm} in the query or
     * body is signed.
     */
    static String normalizedParameters(List<Map.Entry<String, String>> parameters) {
        List<String[]> pairs = new ArrayList<>();
        for (Map.Entry<String, String> p : parameters) {
            if (!p.getKey().equals("oauth_signature")) {
                pairs.add(new String[] {encode(p.getKey()), encode(p.getValue())});
            }
        }
        // encoded text is ASCII, so String order is byte order
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>();
        for (String[] pair : pairs) {
            joined.add(pair[0] + "=" + pair[1]);
        }
        return String.join("&", joined);
    }

    /** §3.6: the UTF-8 bytes, each but ALPHA, DIGIT, {@code - . _ ~} written {@code %XX} with upper-case hex. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * §3.4.1.3.1: the URI's query read as {@code application/x-www-form-urlencoded}: pairs split at {@code &}, a
     * name without {@code =} has an empty value, {@code +} is a space ({@link URI} admits only well-formed
     * escapes).
     */
    static List<Map.Entry<String, String>> queryParameters(URI uri) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        String query = uri.getRawQuery();
        if (query == null) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(Map.entry(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8)));
        }
        return out;
    }
}
