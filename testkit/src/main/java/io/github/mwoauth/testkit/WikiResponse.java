package io.github.mwoauth.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A response about to be written: status, headers in order, body bytes. */
record WikiResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    static final String TEXT_PLAIN = "text/plain;charset=UTF-8";
    static final String HTML = "text/html; charset=UTF-8";
    static final String JSON = "application/json";
    static final String API_JSON = "application/json; charset=utf-8";

    WikiResponse {
        headers = List.copyOf(headers);
    }

    static WikiResponse of(int status, String contentType, String body) {
        return new WikiResponse(status, List.of(Map.entry("Content-Type", contentType)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static WikiResponse redirect(String location) {
        return new WikiResponse(302, List.of(Map.entry("Content-Type", HTML), Map.entry("Location", location)),
                new byte[0]);
    }

    WikiResponse withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new WikiResponse(status, more, body);
    }

    /** The headers Special:OAuth sends so no cache keeps a token. */
    WikiResponse noStore() {
        return withHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate")
                .withHeader("Expires", "Thu, 01 Jan 1970 00:00:00 GMT")
                .withHeader("Pragma", "no-cache");
    }

    WikiResponse withStatus(int newStatus) {
        return new WikiResponse(newStatus, headers, body);
    }

    WikiResponse withBody(byte[] newBody) {
        return new WikiResponse(status, headers, newBody);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
