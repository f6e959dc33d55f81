package io.github.mwoauth.webflux;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * What went wrong in the login flow, as shown to the user: an HTTP status, a stable code for programs, a
 * title and a message for people, and optionally a link to continue. Never carries a stack trace or a secret.
 *
 * @param status the response status
 * @param code a stable machine-readable code, e.g. {@code login_expired}
 * @param title a short heading
 * @param message one or two sentences
 * @param linkHref where the user can go next, or {@code null}
 * @param linkText the text of that link, or {@code null}
 */
public record LoginError(HttpStatus status, String code, String title, String message, @Nullable String linkHref,
        @Nullable String linkText) {

    public LoginError {
        Objects.requireNonNull(status, "status cannot be null");
        Objects.requireNonNull(code, "code cannot be null");
        Objects.requireNonNull(title, "title cannot be null");
        Objects.requireNonNull(message, "message cannot be null");
    }

    /** The same error with a link to continue. */
    public LoginError withLink(String href, String text) {
        return new LoginError(status, code, title, message, href, text);
    }
}
