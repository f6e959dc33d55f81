package io.github.mwoauth;

import org.jspecify.annotations.Nullable;

/** The root of every failure this library reports. Unchecked; messages never carry a secret. */
public class MediaWikiOAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MediaWikiOAuthException(String message) {
        super(message);
    }

    public MediaWikiOAuthException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
