package io.github.mwoauth;

import org.jspecify.annotations.Nullable;

/**
 * An API call or identity lookup needs a logged-in user and there is none (or their grant was revoked, or
 * their OAuth 2.0 tokens could not be refreshed).
 */
public class LoginRequiredException extends MediaWikiOAuthException {

    private static final long serialVersionUID = 1L;

    public LoginRequiredException(String message) {
        super(message);
    }

    public LoginRequiredException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
