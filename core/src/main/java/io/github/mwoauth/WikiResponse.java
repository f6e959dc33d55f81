package io.github.mwoauth;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;

/** A wiki's raw answer: status, headers and the whole body. */
record WikiResponse(int status, HttpHeaders headers, byte[] body) {

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
