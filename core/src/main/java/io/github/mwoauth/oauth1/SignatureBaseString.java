package io.github.mwoauth.oauth1;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
        Bytes bytes = write(method, uri, parameters, List.of());
        return new String(bytes.data, 0, bytes.length, StandardCharsets.US_ASCII);
    }

    /**
     * Writes the base string of a request whose signed parameters are {@code first} and {@code second} into this
     * thread's buffer, as ASCII bytes: they are valid until the thread's next call. Names and values are encoded
     * twice at once, as the normalised parameter string is encoded again in the base string (its characters are
     * unreserved ones, {@code %} of the first encoding, {@code =} and {@code &}). Sorting the twice-encoded forms
     * gives the order of the once-encoded ones: the second encoding only turns each {@code %} into {@code %25},
     * in both strings alike up to their first difference, where it compares the same two characters.
     */
    static Bytes write(String method, URI uri, List<Parameter> first, List<Parameter> second) {
        Bytes out = Bytes.forThisThread();
        String rawQuery = uri.getRawQuery();
        List<Parameter> query = rawQuery == null ? List.of() : FormEncoding.parse(rawQuery);
        out.pairs(query.size() + first.size() + second.size());
        out.addEncoded(query);
        out.addEncoded(first);
        out.addEncoded(second);
        out.sortPairs();
        out.appendAscii(method.toUpperCase(Locale.ROOT)).append('&');
        out.appendEncodedBaseUri(uri).append('&');
        for (int i = 0; i < out.count; i++) {
            int pair = out.order[i];
            if (i > 0) {
                out.appendAscii("%26");
            }
            out.appendEncoded(out.bounds[4 * pair], out.bounds[4 * pair + 1]).appendAscii("%3D");
            out.appendEncoded(out.bounds[4 * pair + 2], out.bounds[4 * pair + 3]);
        }
        return out;
    }

    /**
     * A thread's reusable buffers for base strings: the percent-encoded names and values ({@code encoded}, with
     * each pair's bounds), their sorted order, and the base string's ASCII bytes ({@code data}). Buffers grown
     * past {@link #KEEP} for a large request are dropped afterwards rather than kept by the thread.
     */
    static final class Bytes {

        private static final int KEEP = 1 << 16;
        private static final ThreadLocal<Bytes> BUFFERS = ThreadLocal.withInitial(Bytes::new);

        byte[] data = new byte[1024];
        int length;
        private byte[] encoded = new byte[512];
        private int encodedLength;
        private int[] bounds = new int[4 * 32];
        private int[] order = new int[32];
        int count;

        static Bytes forThisThread() {
            Bytes bytes = BUFFERS.get();
            if (bytes.data.length > KEEP || bytes.encoded.length > KEEP || bytes.order.length > KEEP) {
                bytes = new Bytes();
                BUFFERS.set(bytes);
            }
            bytes.length = 0;
            bytes.encodedLength = 0;
            bytes.count = 0;
            return bytes;
        }

        void pairs(int capacity) {
            if (order.length < capacity) {
                order = new int[capacity];
                bounds = new int[4 * capacity];
            }
        }

        /** Each name and value percent-encoded, without {@code oauth_signature} and {@code realm}. */
        void addEncoded(List<Parameter> parameters) {
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                if (p.name().equals("oauth_signature") || p.name().equals("realm")) {
                    continue;
                }
                int at = 4 * count;
                bounds[at] = encodedLength;
                encode(p.name());
                bounds[at + 1] = encodedLength;
                bounds[at + 2] = encodedLength;
                encode(p.value());
                bounds[at + 3] = encodedLength;
                order[count] = count;
                count++;
            }
        }

        private void encode(String value) {
            int room = encodedLength + 15 * value.length();
            if (room > encoded.length) {
                encoded = Arrays.copyOf(encoded, Math.max(encoded.length * 2, room));
            }
            encodedLength = PercentEncoding.encodeTwiceInto(value, encoded, encodedLength);
        }

        /** By encoded name, then encoded value: byte order (encoded text is ASCII). */
        void sortPairs() {
            for (int i = 1; i < count; i++) {
                int pair = order[i];
                int j = i - 1;
                while (j >= 0 && compare(order[j], pair) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = pair;
            }
        }

        private int compare(int a, int b) {
            int byName = compare(bounds[4 * a], bounds[4 * a + 1], bounds[4 * b], bounds[4 * b + 1]);
            return byName != 0 ? byName
                    : compare(bounds[4 * a + 2], bounds[4 * a + 3], bounds[4 * b + 2], bounds[4 * b + 3]);
        }

        /** Short ASCII slices: a plain loop beats {@code Arrays.compare}'s set-up. */
        private int compare(int aFrom, int aTo, int bFrom, int bTo) {
            byte[] in = encoded;
            int n = Math.min(aTo - aFrom, bTo - bFrom);
            for (int i = 0; i < n; i++) {
                int d = in[aFrom + i] - in[bFrom + i];
                if (d != 0) {
                    return d;
                }
            }
            return (aTo - aFrom) - (bTo - bFrom);
        }

        Bytes append(char c) {
            ensure(1);
            data[length++] = (byte) c;
            return this;
        }

        Bytes appendAscii(String ascii) {
            int n = ascii.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                data[length++] = (byte) ascii.charAt(i);
            }
            return this;
        }

        /** Appends the encoded bytes {@code from} to {@code to}. */
        Bytes appendEncoded(int from, int to) {
            ensure(to - from);
            System.arraycopy(encoded, from, data, length, to - from);
            length += to - from;
            return this;
        }

        /** {@link #baseUri(URI)}, percent-encoded once, written without building it as a string first. */
        Bytes appendEncodedBaseUri(URI uri) {
            String scheme = requireNonNull(uri.getScheme(), "scheme", uri).toLowerCase(Locale.ROOT);
            String host = requireNonNull(uri.getHost(), "host", uri).toLowerCase(Locale.ROOT);
            String path = uri.getRawPath();
            int port = uri.getPort();
            ensure(9 * (scheme.length() + host.length() + (path == null ? 0 : path.length())) + 32);
            length = PercentEncoding.encodeInto(scheme, data, length);
            appendAscii("%3A%2F%2F");
            length = PercentEncoding.encodeInto(host, data, length);
            boolean defaultPort = port == -1 || (port == 80 && scheme.equals("http"))
                    || (port == 443 && scheme.equals("https"));
            if (!defaultPort) {
                appendAscii("%3A").appendAscii(Integer.toString(port));
            }
            if (path == null || path.isEmpty()) {
                appendAscii("%2F");
            } else {
                length = PercentEncoding.encodeInto(path, data, length);
            }
            return this;
        }

        private void ensure(int more) {
            if (length + more > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, length + more));
            }
        }
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
