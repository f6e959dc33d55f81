package io.github.mwoauth.webflux;

import io.github.mwoauth.MediaWikiOAuthException;

/**
 * A {@link LoginApprover} turned a user away; the reason is shown on the error page (403, code
 * {@code login_refused}), so it should speak to the user and hold nothing secret.
 */
public class LoginRefusedException extends MediaWikiOAuthException {

    /** @param reason one or two sentences for the user */
    public LoginRefusedException(String reason) {
        super(reason);
    }

    /** The reason shown to the user. */
    public String reason() {
        return String.valueOf(getMessage());
    }
}
