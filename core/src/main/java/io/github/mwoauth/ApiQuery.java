package io.github.mwoauth;

import io.github.mwoauth.http.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Turns a caller's query map into the fields of an Action API request. */
final class ApiQuery {

    /** MediaWiki's separator for multi-value fields whose values contain {@code |}. */
    private static final char UNIT_SEPARATOR = '\u001F';

    private ApiQuery() {
    }

    static List<Parameter> toParameters(Map<String, ?> query) {
        Objects.requireNonNull(query, "query cannot be null");
        List<Parameter> out = new ArrayList<>(query.size() + 1);
        boolean hasFormat = false;
        for (Map.Entry<String, ?> e : query.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "query names cannot be null");
            Object value = e.getValue();
            if (name.equals("format") && value != null) {
                if (!"json".equals(value.toString())) {
                    throw new IllegalArgumentException("format must be json (the client decodes JSON), not " + value);
                }
                hasFormat = true;
            }
            String text = text(name, value);
            if (text != null) {
                out.add(new Parameter(name, text));
            }
        }
        if (!hasFormat) {
            out.add(new Parameter("format", "json"));
        }
        return out;
    }

    private static @Nullable String text(String name, @Nullable Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return null;
        }
        if (Boolean.TRUE.equals(value)) {
            return "";
        }
        if (value instanceof CharSequence || value instanceof Number || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof Iterable<?> values) {
            List<String> parts = new ArrayList<>();
            boolean hasPipe = false;
            for (Object v : values) {
                String s = Objects.requireNonNull(v, "values of " + name + " cannot be null").toString();
                hasPipe |= s.indexOf('|') >= 0;
                parts.add(s);
            }
            return hasPipe ? UNIT_SEPARATOR + String.join(String.valueOf(UNIT_SEPARATOR), parts)
                    : String.join("|", parts);
        }
        if (value instanceof Enum<?> en) {
            return en.name();
        }
        throw new IllegalArgumentException("unsupported value type for " + name + ": " + value.getClass().getName());
    }

    static long byteSize(List<Parameter> form) {
        long size = 0;
        for (Parameter p : form) {
            size += p.name().getBytes(StandardCharsets.UTF_8).length + p.value().getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }
}
