package io.github.mwoauth;

import org.jspecify.annotations.Nullable;

/** The wiki could not be used: unreachable, too slow, an HTTP error status or a body that makes no sense. */
public class WikiUnavailableException extends MediaWikiOAuthException {

    private static final long serialVersionUID = 1L;

    /** What went wrong talking to the wiki. */
    public enum Kind {
        /** No connection could be made, or it dropped. */
        UNREACHABLE,
        /** No complete answer within the configured timeout. */
        TIMEOUT,
        /** An HTTP status other than 2xx (and other than the redirects the protocol expects). */
        HTTP_ERROR,
        /** A body that is not what the endpoint answers (garbage, truncated, wrong type, too large). */
        MALFORMED_RESPONSE,
        /** The wiki asked us to wait ({@code maxlag}, HTTP 429 or 503) and retries ran out. */
        OVERLOADED
    }

    private final Kind kind;
    private final int status;

    public WikiUnavailableException(Kind kind, String message, @Nullable Throwable cause) {
        this(kind, 0, message, cause);
    }

    public WikiUnavailableException(Kind kind, int status, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status for {@link Kind#HTTP_ERROR}, else 0. */
    public int status() {
        return status;
    }
}
