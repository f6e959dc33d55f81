package io.github.mwoauth;

/**
 * The authorization server sent the user back from its consent page with an error instead of a grant (RFC 6749
 * §4.1.2.1): {@code access_denied} when the user pressed Cancel. Nothing was sent to the wiki. MediaWiki itself
 * never sends the user back after Cancel (it shows its own error page), so with it this comes only from a
 * hand-made callback URL.
 */
public class LoginDeniedException extends MediaWikiOAuthException {

    private static final long serialVersionUID = 1L;

    private final String error;

    public LoginDeniedException(String error) {
        super("The wiki did not authorize the login: " + error.replaceAll("[^A-Za-z0-9_]", "?"));
        this.error = error;
    }

    /** The callback's {@code error}, as the wiki sent it. */
    public String error() {
        return error;
    }

    /** Whether the user refused the grant (pressed Cancel) rather than the wiki failing it. */
    public boolean isCancelled() {
        return "access_denied".equals(error);
    }
}
