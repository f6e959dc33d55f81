package io.github.mwoauth;

/**
 * The wiki's callback names a pending login but lacks what completing it needs (an OAuth 2.0 callback with
 * neither {@code code} nor {@code error}). Nothing was sent to the wiki.
 */
public class IncompleteCallbackException extends MediaWikiOAuthException {

    private static final long serialVersionUID = 1L;

    private final String missing;

    public IncompleteCallbackException(String missing) {
        super("The wiki's callback carries no " + missing);
        this.missing = missing;
    }

    /** The query parameter the callback lacks. */
    public String missing() {
        return missing;
    }
}
