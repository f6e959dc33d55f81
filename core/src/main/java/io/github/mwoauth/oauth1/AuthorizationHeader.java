package io.github.mwoauth.oauth1;

import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.http.PercentEncoding;
import io.github.mwoauth.support.Capacity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code Authorization: OAuth} header of RFC 5849 §3.5.1: writing and parsing. */
public final class AuthorizationHeader {

    private static final String SCHEME = "OAuth";

    private AuthorizationHeader() {
    }

    /** {@code OAuth name="value", ...} with names and values percent-encoded. */
    public static String write(List<Parameter> protocolParameters) {
        Writer out = Writer.start();
        for (int i = 0; i < protocolParameters.size(); i++) {
            out.add(protocolParameters.get(i).name(), protocolParameters.get(i).value());
        }
        return out.finish();
    }

    /**
     * A thread's buffer for writing a header in one pass, as ASCII bytes, each name and value percent-encoded
     * straight into it. A buffer grown past {@link #KEEP} is dropped afterwards rather than kept by the thread.
     */
    static final class Writer {

        private static final int KEEP = 1 << 14;
        private static final ThreadLocal<Writer> WRITERS = ThreadLocal.withInitial(Writer::new);
        private static final int START = SCHEME.length() + 1;

        private byte[] out = new byte[512];
        private int length;

        /** This thread's writer, holding {@code OAuth }. */
        static Writer start() {
            Writer writer = WRITERS.get();
            if (writer.out.length > KEEP) {
                writer = new Writer();
                WRITERS.set(writer);
            }
            writer.length = 0;
            for (int i = 0; i < SCHEME.length(); i++) {
                writer.out[writer.length++] = (byte) SCHEME.charAt(i);
            }
            writer.out[writer.length++] = ' ';
            return writer;
        }

        /** Appends {@code name="value"}, after {@code , } unless it is the first. */
        Writer add(String name, String value) {
            room(9 * (name.length() + value.length()));
            length = PercentEncoding.encodeInto(name, out, startPair());
            startValue();
            length = PercentEncoding.encodeInto(value, out, length);
            out[length++] = '"';
            return this;
        }

        /** A protocol parameter whose name, and maybe value, are encoded already. */
        Writer add(EncodedText name, String value) {
            room(name.once.length + 9 * value.length());
            length = copy(name.once, startPair());
            startValue();
            length = PercentEncoding.encodeInto(value, out, length);
            out[length++] = '"';
            return this;
        }

        Writer add(EncodedText name, EncodedText value) {
            room(name.once.length + value.once.length);
            length = copy(name.once, startPair());
            startValue();
            length = copy(value.once, length);
            out[length++] = '"';
            return this;
        }

        /** Room for {@code encoded} bytes of a name and value and the five around them. */
        private void room(int encoded) {
            out = Capacity.atLeast(out, length + encoded + 5);
        }

        private int startPair() {
            if (length > START) {
                out[length++] = ',';
                out[length++] = ' ';
            }
            return length;
        }

        private void startValue() {
            out[length++] = '=';
            out[length++] = '"';
        }

        private int copy(byte[] encoded, int at) {
            System.arraycopy(encoded, 0, out, at, encoded.length);
            return at + encoded.length;
        }

        String finish() {
            return new String(out, 0, length, StandardCharsets.US_ASCII);
        }
    }

    /**
     * Parses a header value into decoded parameters, {@code realm} included. Answers {@code null} when the
     * value does not use the {@code OAuth} scheme or is malformed.
     */
    public static @org.jspecify.annotations.Nullable List<Parameter> parse(String headerValue) {
        String value = headerValue.strip();
        if (value.length() < SCHEME.length()
                || !value.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals("oauth")) {
            return null;
        }
        String rest = value.substring(SCHEME.length());
        if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) {
            return null;
        }
        List<Parameter> out = new ArrayList<>();
        int i = 0;
        int n = rest.length();
        while (true) {
            while (i < n && (rest.charAt(i) == ',' || Character.isWhitespace(rest.charAt(i)))) {
                i++;
            }
            if (i == n) {
                return out;
            }
            int eq = rest.indexOf('=', i);
            if (eq == -1) {
                return null;
            }
            String name = rest.substring(i, eq).strip();
            i = eq + 1;
            String raw;
            if (i < n && rest.charAt(i) == '"') {
                int close = rest.indexOf('"', i + 1);
                if (close == -1) {
                    return null;
                }
                raw = rest.substring(i + 1, close);
                i = close + 1;
            } else {
                int comma = rest.indexOf(',', i);
                int end = comma == -1 ? n : comma;
                raw = rest.substring(i, end).strip();
                i = end;
            }
            out.add(new Parameter(PercentEncoding.formDecode(name.replace("+", "%2B")),
                    PercentEncoding.formDecode(raw.replace("+", "%2B"))));
        }
    }
}
