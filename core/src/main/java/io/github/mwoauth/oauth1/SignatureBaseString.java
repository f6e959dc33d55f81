package io.github.mwoauth.oauth1;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The signature base string of RFC 5849 §3.4.1: the upper-case HTTP method, the base string URI and the
 * normalised request parameters, each percent-encoded and joined with {@code &}.
 */
public final class SignatureBaseString {

    private SignatureBaseString() {
    }

    /**
     * Builds the base string of a request.
     *
     * @param method the HTTP method
     * @param uri the request URI as sent; its query parameters enter the signature (§3.4.1.3.1)
     * @param parameters every other signed parameter: the {@code oauth_*} protocol parameters (without
     *     {@code oauth_signature}) and, for an {@code application/x-www-form-urlencoded} body, its fields
     */
    public static String of(String method, URI uri, List<Parameter> parameters) {
        List<Parameter> all = new ArrayList<>(parameters.size() + 8);
        String rawQuery = uri.getRawQuery();
        if (rawQuery != null) {
            all.addAll(FormEncoding.parse(rawQuery));
        }
        all.addAll(parameters);
        List<String[]> pairs = encodedSortedPairs(all);
        StringBuilder out = new StringBuilder(64 + pairs.size() * 40)
                .append(method.toUpperCase(Locale.ROOT)).append('&')
                .append(PercentEncoding.encode(baseUri(uri))).append('&');
        // The normalised parameter string, percent-encoded a second time as it is appended: its characters are
        // unreserved ones, '%' of the first encoding, '=' and '&', so encoding it only rewrites those three.
        for (int i = 0; i < pairs.size(); i++) {
            if (i > 0) {
                out.append("%26");
            }
            appendReencoded(out, pairs.get(i)[0]).append("%3D");
            appendReencoded(out, pairs.get(i)[1]);
        }
        return out.toString();
    }

    private static StringBuilder appendReencoded(StringBuilder out, String encoded) {
        int from = 0;
        for (int i = encoded.indexOf('%'); i >= 0; i = encoded.indexOf('%', from)) {
            out.append(encoded, from, i).append("%25");
            from = i + 1;
        }
        return out.append(encoded, from, encoded.length());
    }

    /**
     * The base string URI of §3.4.1.2: lower-case scheme and host, the port only when it is not the scheme's
     * default, the path as sent (an empty path becomes {@code /}), no query and no fragment.
     */
    public static String baseUri(URI uri) {
        String scheme = requireNonNull(uri.getScheme(), "scheme", uri).toLowerCase(Locale.ROOT);
        String host = requireNonNull(uri.getHost(), "host", uri).toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        StringBuilder out = new StringBuilder(64).append(scheme).append("://").append(host);
        boolean defaultPort = port == -1 || (port == 80 && scheme.equals("http"))
                || (port == 443 && scheme.equals("https"));
        if (!defaultPort) {
            out.append(':').append(port);
        }
        String path = uri.getRawPath();
        out.append(path == null || path.isEmpty() ? "/" : path);
        return out.toString();
    }

    /**
     * The normalised parameter string of §3.4.1.3.2: each name and value percent-encoded, pairs sorted by
     * encoded name then encoded value (byte order), joined as {@code name=value} with {@code &}.
     * {@code oauth_signature} and {@code realm} are excluded.
     */
    public static String normalizedParameters(List<Parameter> parameters) {
        List<String[]> encoded = encodedSortedPairs(parameters);
        StringBuilder out = new StringBuilder(encoded.size() * 24);
        for (String[] pair : encoded) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    /** Each name and value percent-encoded, without {@code oauth_signature} and {@code realm}, sorted. */
    private static List<String[]> encodedSortedPairs(List<Parameter> parameters) {
        List<String[]> encoded = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            if (p.name().equals("oauth_signature") || p.name().equals("realm")) {
                continue;
            }
            encoded.add(new String[] {PercentEncoding.encode(p.name()), PercentEncoding.encode(p.value())});
        }
        // Encoded strings are ASCII, so String order is byte order.
        encoded.sort((a, b) -> {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
        return encoded;
    }

    private static String requireNonNull(String value, String what, URI uri) {
        if (value == null) {
            throw new IllegalArgumentException("URI has no " + what + ": " + uri);
        }
        return value;
    }
}
