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
     * thread's buffer, as ASCII bytes: they are valid until the thread's next call. The normalised parameter
     * string is percent-encoded a second time as it is written: its characters are unreserved ones, {@code %}
     * of the first encoding, {@code =} and {@code &}, so that encoding only rewrites those three.
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
        out.appendEncoded(baseUri(uri)).append('&');
        for (int i = 0; i < out.count; i++) {
            if (i > 0) {
                out.append('%').append('2').append('6');
            }
            out.appendReencoded(out.names[i]).append('%').append('3').append('D');
            out.appendReencoded(out.values[i]);
        }
        out.forgetPairs();
        return out;
    }

    /**
     * A thread's reusable buffer for base strings: the encoded, sorted pairs and the ASCII bytes. A buffer grown
     * past {@link #KEEP} bytes for a large request is dropped afterwards rather than kept by the thread.
     */
    static final class Bytes {

        private static final int KEEP = 1 << 16;
        private static final ThreadLocal<Bytes> BUFFERS = ThreadLocal.withInitial(Bytes::new);

        byte[] data = new byte[1024];
        int length;
        String[] names = new String[32];
        String[] values = new String[32];
        int count;

        static Bytes forThisThread() {
            Bytes bytes = BUFFERS.get();
            if (bytes.data.length > KEEP || bytes.names.length > KEEP) {
                bytes = new Bytes();
                BUFFERS.set(bytes);
            }
            bytes.length = 0;
            bytes.count = 0;
            return bytes;
        }

        void pairs(int capacity) {
            if (names.length < capacity) {
                names = new String[capacity];
                values = new String[capacity];
            }
        }

        /** Each name and value percent-encoded, without {@code oauth_signature} and {@code realm}. */
        void addEncoded(List<Parameter> parameters) {
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                if (p.name().equals("oauth_signature") || p.name().equals("realm")) {
                    continue;
                }
                names[count] = PercentEncoding.encode(p.name());
                values[count] = PercentEncoding.encode(p.value());
                count++;
            }
        }

        /** Drops the references to the request's values, which the thread would otherwise keep. */
        void forgetPairs() {
            Arrays.fill(names, 0, count, null);
            Arrays.fill(values, 0, count, null);
        }

        /** By encoded name, then encoded value; encoded strings are ASCII, so String order is byte order. */
        void sortPairs() {
            for (int i = 1; i < count; i++) {
                String name = names[i];
                String value = values[i];
                int j = i - 1;
                while (j >= 0 && compare(names[j], values[j], name, value) > 0) {
                    names[j + 1] = names[j];
                    values[j + 1] = values[j];
                    j--;
                }
                names[j + 1] = name;
                values[j + 1] = value;
            }
        }

        private static int compare(String nameA, String valueA, String nameB, String valueB) {
            int byName = nameA.compareTo(nameB);
            return byName != 0 ? byName : valueA.compareTo(valueB);
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

        /** Percent-encodes {@code value} once, as {@link PercentEncoding#encode} does. */
        Bytes appendEncoded(String value) {
            return appendAscii(PercentEncoding.encode(value));
        }

        /** Appends a percent-encoded string encoded once more: each {@code %} becomes {@code %25}. */
        Bytes appendReencoded(String encoded) {
            int n = encoded.length();
            ensure(n * 3);
            for (int i = 0; i < n; i++) {
                char c = encoded.charAt(i);
                data[length++] = (byte) c;
                if (c == '%') {
                    data[length++] = '2';
                    data[length++] = '5';
                }
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
