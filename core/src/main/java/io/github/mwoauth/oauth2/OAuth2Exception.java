package io.github.mwoauth.oauth2;

import io.github.mwoauth.HandshakeException;
import org.jspecify.annotations.Nullable;

/**
 * The wiki refused an OAuth 2.0 step (code exchange, refresh or profile) with an RFC 6749 §5.2 error, as
 * Extension:OAuth's league/oauth2-server sends it: {@code {"error":..,"error_description":..,"hint":..}}
 * with HTTP 400 ({@code invalid_request}, {@code invalid_grant}, ...) or 401 ({@code invalid_client},
 * {@code access_denied}). {@link #messageKey()} is the {@code error} value.
 */
public class OAuth2Exception extends HandshakeException {

    private static final long serialVersionUID = 1L;

    private final String error;
    private final @Nullable String description;
    private final @Nullable String hint;
    private final int status;

    /**
     * @param step {@code token}, {@code refresh} or {@code profile}
     * @param error the {@code error} code, such as {@code invalid_grant}
     * @param description the {@code error_description} (or league's {@code message}), if any
     * @param hint league's {@code hint}, if any, such as {@code Invalid redirect URI}
     * @param status the HTTP status of the answer
     */
    public OAuth2Exception(String step, String error, @Nullable String description, @Nullable String hint,
            int status) {
        super(step, text(error, description, hint), error, null);
        this.error = error;
        this.description = description;
        this.hint = hint;
        this.status = status;
    }

    private static String text(String error, @Nullable String description, @Nullable String hint) {
        return error + (description == null ? "" : ": " + description) + (hint == null ? "" : " (" + hint + ")");
    }

    /** The RFC 6749 {@code error} code: {@code invalid_request}, {@code invalid_client}, {@code invalid_grant}, ... */
    public String error() {
        return error;
    }

    public @Nullable String description() {
        return description;
    }

    /** league/oauth2-server's {@code hint}: which parameter or check failed. */
    public @Nullable String hint() {
        return hint;
    }

    /** The HTTP status the wiki answered with. */
    public int status() {
        return status;
    }
}
