package io.github.mwoauth.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** {@code application/x-www-form-urlencoded} parsing and writing, with the RFC 5849 percent-encoding. */
public final class FormEncoding {

    private FormEncoding() {
    }

    /** Parses {@code a=1&b=2&b}: names may repeat; a name without {@code =} has an empty value. */
    public static List<Parameter> parse(String encoded) {
        List<Parameter> out = new ArrayList<>();
        for (String pair : encoded.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String name = eq == -1 ? pair : pair.substring(0, eq);
                String value = eq == -1 ? "" : pair.substring(eq + 1);
                out.add(new Parameter(PercentEncoding.formDecode(name), PercentEncoding.formDecode(value)));
            }
        }
        return out;
    }

    /** Writes parameters as a form body, each name and value percent-encoded per RFC 5849 §3.6. */
    public static String write(List<Parameter> parameters) {
        StringJoiner out = new StringJoiner("&");
        for (Parameter p : parameters) {
            out.add(PercentEncoding.encode(p.name()) + '=' + PercentEncoding.encode(p.value()));
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
