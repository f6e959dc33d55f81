package io.github.mwoauth.http;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;

/** A wiki's raw answer: status, headers and the whole body. */
public record WikiResponse(int status, HttpHeaders headers, byte[] body) {

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
