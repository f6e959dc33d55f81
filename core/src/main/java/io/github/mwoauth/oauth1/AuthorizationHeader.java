package io.github.mwoauth.oauth1;

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
        int size = 8;
        for (int i = 0; i < protocolParameters.size(); i++) {
            Parameter p = protocolParameters.get(i);
            size += p.name().length() + 3 * p.value().length() + 5;
        }
        StringBuilder out = new StringBuilder(size).append(SCHEME).append(' ');
        for (int i = 0; i < protocolParameters.size(); i++) {
            Parameter p = protocolParameters.get(i);
            if (i > 0) {
                out.append(", ");
            }
            out.append(PercentEncoding.encode(p.name())).append("=\"")
                    .append(PercentEncoding.encode(p.value())).append('"');
        }
        return out.toString();
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
        while (i < n) {
            while (i < n && (rest.charAt(i) == ',' || Character.isWhitespace(rest.charAt(i)))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int eq = rest.indexOf('=', i);
            if (eq < 0) {
                return null;
            }
            String name = rest.substring(i, eq).strip();
            i = eq + 1;
            String raw;
            if (i < n && rest.charAt(i) == '"') {
                int close = rest.indexOf('"', i + 1);
                if (close < 0) {
                    return null;
                }
                raw = rest.substring(i + 1, close);
                i = close + 1;
            } else {
                int comma = rest.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                raw = rest.substring(i, end).strip();
                i = end;
            }
            out.add(new Parameter(PercentEncoding.formDecode(name.replace("+", "%2B")),
                    PercentEncoding.formDecode(raw.replace("+", "%2B"))));
        }
        return out;
    }
}
