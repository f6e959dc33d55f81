package io.github.mwoauth.oauth1;

import io.github.mwoauth.http.FormEncoding;
import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.http.PercentEncoding;
import io.github.mwoauth.support.Capacity;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.URI;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

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
     *     {@code oauth_signature}) and, for an {@code application/x-www-form-urlencoded} body, its fields; not the
     *     {@code Authorization} header's {@code realm}, which is not signed, while a {@code realm} in the query or
     *     the body is (§3.4.1.3.1)
     */
    public static String of(String method, URI uri, List<Parameter> parameters) {
        Bytes bytes = Bytes.start(uri).add(parameters).finish(method, uri);
        return new String(bytes.data, 0, bytes.length, StandardCharsets.US_ASCII);
    }

    /**
     * A thread's reusable buffers for base strings: the percent-encoded names and values ({@code encoded}, with
     * each pair's bounds and a sort key), their sorted order, and the base string's ASCII bytes ({@code data}).
     * Buffers grown past {@link #KEEP} for a large request are dropped afterwards rather than kept by the thread.
     *
     * <p>Names and values are encoded twice at once, as the normalised parameter string is encoded again in the
     * base string (its characters are unreserved ones, {@code %} of the first encoding, {@code =} and {@code &}).
     * Sorting the twice-encoded forms gives the order of the once-encoded ones: the second encoding only turns each
     * {@code %} into {@code %25}, in both strings alike up to their first difference, where it compares the same two
     * characters.
     *
     * <p>Use: {@link #start}, {@link #add(String, String)} or {@link #add(List)} for each signed parameter that is
     * not in the URI's query, then {@link #finish}.
     */
    static final class Bytes {

        private static final int KEEP = 1 << 16;
        private static final ThreadLocal<Bytes> BUFFERS = ThreadLocal.withInitial(Bytes::new);
        /** Reads eight bytes of a {@code byte[]} as a big-endian {@code long}. */
        private static final VarHandle LONG_BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class,
                ByteOrder.BIG_ENDIAN);

        byte[] data = new byte[1024];
        int length;
        private byte[] encoded = new byte[512];
        private int encodedLength;
        /** Pair {@code i}'s encoded name is {@code encoded[bounds[4i]..bounds[4i+1])}, its value the next two. */
        private int[] bounds = new int[4 * 32];
        /**
         * The first eight encoded name bytes, big-endian, zero-padded, of the pair {@code order[i]}: most comparisons
         * stop here.
         */
        private long[] keys = new long[32];
        private int[] order = new int[32];
        private int count;
        private final BaseUriCache baseUris = new BaseUriCache();

        /**
         * This thread's buffers, emptied, holding the parameters of {@code uri}'s query. The buffers grow as pairs
         * are added (doubling), so a caller need not size them.
         */
        static Bytes start(URI uri) {
            Bytes bytes = BUFFERS.get();
            if (bytes.data.length > KEEP || bytes.encoded.length > KEEP || bytes.order.length > KEEP) {
                bytes = new Bytes();
                BUFFERS.set(bytes);
            }
            bytes.length = 0;
            bytes.encodedLength = 0;
            bytes.count = 0;
            String rawQuery = uri.getRawQuery();
            List<Parameter> query = rawQuery == null ? List.of() : FormEncoding.parse(rawQuery);
            return bytes.add(query);
        }

        private void room(int pairs) {
            order = Capacity.atLeast(order, pairs);
            keys = Capacity.atLeast(keys, pairs);
            bounds = Capacity.atLeast(bounds, 4 * pairs);
        }

        /** Each of {@code parameters} but {@code oauth_signature}. */
        Bytes add(List<Parameter> parameters) {
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                if (!p.name().equals("oauth_signature")) {
                    add(p.name(), p.value());
                }
            }
            return this;
        }

        /** One signed parameter; the caller leaves out {@code oauth_signature} and the header's {@code realm}. */
        Bytes add(String name, String value) {
            int from = startPair();
            encode(name);
            endName(from);
            encode(value);
            return endPair();
        }

        /** A protocol parameter whose name, and maybe value, are encoded already. */
        Bytes add(EncodedText name, String value) {
            int from = startPair();
            copy(name.twice);
            endName(from);
            encode(value);
            return endPair();
        }

        Bytes add(EncodedText name, EncodedText value) {
            int from = startPair();
            copy(name.twice);
            endName(from);
            copy(value.twice);
            return endPair();
        }

        private int startPair() {
            room(count + 1);
            return encodedLength;
        }

        private void endName(int from) {
            int at = 4 * count;
            bounds[at] = from;
            bounds[at + 1] = encodedLength;
            keys[count] = key(from, encodedLength);
            bounds[at + 2] = encodedLength;
        }

        private Bytes endPair() {
            bounds[4 * count + 3] = encodedLength;
            order[count] = count;
            count++;
            return this;
        }

        private void encode(String value) {
            roomEncoded(15 * value.length());
            encodedLength = PercentEncoding.encodeTwiceInto(value, encoded, encodedLength);
        }

        private void copy(byte[] twiceEncoded) {
            roomEncoded(twiceEncoded.length);
            System.arraycopy(twiceEncoded, 0, encoded, encodedLength, twiceEncoded.length);
            encodedLength += twiceEncoded.length;
        }

        private void roomEncoded(int more) {
            encoded = Capacity.atLeast(encoded, encodedLength + more);
        }

        /** The first eight bytes of {@code encoded[from..to)}, big-endian, zero-padded. */
        private long key(int from, int to) {
            if (to - from >= 8) {
                return (long) LONG_BIG_ENDIAN.get(encoded, from);
            }
            long key = 0;
            for (int i = from; i < to; i++) {
                key = key << 8 | encoded[i];
            }
            return key << 8 * (8 - (to - from)); // to == from: a shift by 64 is none, and the key is 0
        }

        /** Sorts the pairs and writes the base string into {@code data}. */
        Bytes finish(String method, URI uri) {
            sortPairs();
            String upperCaseMethod = method.toUpperCase(Locale.ROOT);
            byte[] baseUri = baseUris.encoded(uri);
            // each pair's "%3D" and "%26" (one fewer), and two "&"
            ensure(upperCaseMethod.length() + baseUri.length + encodedLength + 6 * count + 2);
            for (int i = 0; i < upperCaseMethod.length(); i++) {
                data[length++] = (byte) upperCaseMethod.charAt(i);
            }
            data[length++] = '&';
            length = copy(baseUri, 0, baseUri.length, data, length);
            data[length++] = '&';
            for (int i = 0; i < count; i++) {
                int at = 4 * order[i];
                if (i > 0) {
                    length = escape('2', '6', data, length); // &
                }
                length = copy(encoded, bounds[at], bounds[at + 1], data, length);
                length = escape('3', 'D', data, length); // =
                length = copy(encoded, bounds[at + 2], bounds[at + 3], data, length);
            }
            return this;
        }

        private static int escape(char high, char low, byte[] to, int at) {
            to[at] = '%';
            to[at + 1] = (byte) high;
            to[at + 2] = (byte) low;
            return at + 3;
        }

        /** Copies {@code from[start..end)} to {@code to} at {@code at}; answers where it ended. */
        private static int copy(byte[] from, int start, int end, byte[] to, int at) {
            System.arraycopy(from, start, to, at, end - start);
            return at + end - start;
        }

        /**
         * By encoded name, then encoded value: byte order (encoded text is ASCII). An insertion sort, as there are
         * few pairs, moving each key along with its pair so that most comparisons read two adjacent longs. Encoded
         * bytes are ASCII, never 0 or negative: the keys compare as their first eight bytes do.
         */
        private void sortPairs() {
            for (int i = 1; i < count; i++) {
                int pair = order[i];
                long key = keys[i];
                int j = i - 1;
                while (j >= 0 && (keys[j] > key || keys[j] == key && compare(order[j], pair) > 0)) {
                    order[j + 1] = order[j];
                    keys[j + 1] = keys[j];
                    j--;
                }
                order[j + 1] = pair;
                keys[j + 1] = key;
            }
        }

        /** Pairs {@code a} and {@code b} by encoded name, then encoded value. */
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

        private void ensure(int more) {
            data = Capacity.atLeast(data, length + more);
        }
    }

    /**
     * A thread's last base string URI, percent-encoded once as it enters the base string, with the URI parts it was
     * made from: a client calls the same {@code api.php} again and again, with the same (often identical) strings.
     */
    private static final class BaseUriCache {

        private @Nullable String scheme;
        private @Nullable String host;
        private @Nullable String path;
        private int port = Integer.MIN_VALUE;
        private byte[] encoded = new byte[0];

        byte[] encoded(URI uri) {
            if (!Objects.equals(uri.getScheme(), scheme) || !Objects.equals(uri.getHost(), host)
                    || !Objects.equals(uri.getRawPath(), path) || uri.getPort() != port) {
                encoded = PercentEncoding.encode(baseUri(uri)).getBytes(StandardCharsets.US_ASCII);
                scheme = uri.getScheme();
                host = uri.getHost();
                path = uri.getRawPath();
                port = uri.getPort();
            }
            return encoded;
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
     * {@code oauth_signature} is excluded; a {@code realm} is signed, as one from the query or the body is (the
     * caller leaves out the {@code Authorization} header's, §3.4.1.3.1).
     */
    public static String normalizedParameters(List<Parameter> parameters) {
        List<String[]> encoded = encodedSortedPairs(parameters);
        StringJoiner out = new StringJoiner("&");
        for (String[] pair : encoded) {
            out.add(pair[0] + '=' + pair[1]);
        }
        return out.toString();
    }

    /** Each name and value percent-encoded, without {@code oauth_signature}, sorted. */
    private static List<String[]> encodedSortedPairs(List<Parameter> parameters) {
        List<String[]> encoded = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            if (p.name().equals("oauth_signature")) {
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
