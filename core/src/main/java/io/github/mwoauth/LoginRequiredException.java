package io.github.mwoauth;

/** An API call or identity lookup needs a logged-in user and there is none (or their grant was revoked). */
public class LoginRequiredException extends MediaWikiOAuthException {

    private static final long serialVersionUID = 1L;

    public LoginRequiredException(String message) {
        super(message);
    }
}
