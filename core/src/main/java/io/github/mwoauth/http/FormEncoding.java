package io.github.mwoauth.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code application/x-www-form-urlencoded} parsing and writing, with the RFC 5849 percent-encoding. */
public final class FormEncoding {

    private FormEncoding() {
    }

    /** Parses {@code a=1&b=2&b}: names may repeat; a name without {@code =} has an empty value. */
    public static List<Parameter> parse(String encoded) {
        List<Parameter> out = new ArrayList<>();
        if (encoded.isEmpty()) {
            return out;
        }
        int start = 0;
        while (start <= encoded.length()) {
            int end = encoded.indexOf('&', start);
            if (end < 0) {
                end = encoded.length();
            }
            if (end > start) {
                String pair = encoded.substring(start, end);
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                out.add(new Parameter(PercentEncoding.formDecode(name), PercentEncoding.formDecode(value)));
            }
            start = end + 1;
        }
        return out;
    }

    /** Writes parameters as a form body, each name and value percent-encoded per RFC 5849 §3.6. */
    public static String write(List<Parameter> parameters) {
        StringBuilder out = new StringBuilder(parameters.size() * 24);
        for (Parameter p : parameters) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(PercentEncoding.encode(p.name())).append('=').append(PercentEncoding.encode(p.value()));
        }
        return out.toString();
    }

    /** The UTF-8 bytes of the fields' names and values, before encoding. */
    public static long byteSize(List<Parameter> form) {
        long size = 0;
        for (Parameter p : form) {
            size += p.name().getBytes(StandardCharsets.UTF_8).length + p.value().getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }
}
