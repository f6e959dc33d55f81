package io.github.mwoauth.webflux;

import io.github.mwoauth.MediaWikiOAuthException;

/** The WebSession could not be loaded or saved: the session store (Redis) is down or failing. */
public class SessionStoreUnavailableException extends MediaWikiOAuthException {

    private static final long serialVersionUID = 1L;

    public SessionStoreUnavailableException(Throwable cause) {
        super("The session store is unavailable: " + cause.getClass().getSimpleName(), cause);
    }
}
