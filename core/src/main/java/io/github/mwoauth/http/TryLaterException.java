package io.github.mwoauth.http;

import io.github.mwoauth.MediaWikiOAuthException;
import io.github.mwoauth.WikiUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * The wiki asked to come back later: a {@code maxlag} API error (HTTP 200), HTTP 429 or HTTP 503. Internal: the
 * client retries these and, when retries run out, signals {@link WikiUnavailableException.Kind#OVERLOADED}.
 */
public final class TryLaterException extends MediaWikiOAuthException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient @Nullable RetryAfter retryAfter;

    public TryLaterException(String message, int status, @Nullable RetryAfter retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status of the answer (200 for {@code maxlag}). */
    int status() {
        return status;
    }

    /** The wiki's {@code Retry-After} (seconds or a date), if it sent one that parses. */
    @Nullable RetryAfter retryAfter() {
        return retryAfter;
    }
}
