package io.github.mwoauth;

/** A request was addressed to a wiki outside the client's {@link WikiAllowList}; nothing was sent. */
public class WikiNotAllowedException extends MediaWikiOAuthException {

    private static final long serialVersionUID = 1L;

    public WikiNotAllowedException(String message) {
        super(message);
    }
}
