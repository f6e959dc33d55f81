package io.github.mwoauth;

import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The wiki rejected the OAuth authorization of an API call ({@code mwoauth-invalid-authorization}).
 * {@link #reason()} tells the causes apart: only {@link Reason#GRANT_NOT_FOUND} means the user's access is
 * gone (revoked, or never granted).
 */
public class InvalidAuthorizationException extends MediaWikiApiException {

    private static final long serialVersionUID = 1L;

    /** Why the wiki rejected the authorization. */
    public enum Reason {
        /** "No approved grant was found for that authorization token": revoked or unknown token. */
        GRANT_NOT_FOUND,
        /** "Invalid signature": wrong secret, or the request was signed for another URL. */
        INVALID_SIGNATURE,
        /** "Nonce already used": a replayed request. */
        NONCE_REUSED,
        /** "Expired timestamp": the clocks differ by more than the wiki's window. */
        EXPIRED_TIMESTAMP,
        /** "Invalid consumer": the consumer key is unknown or disabled. */
        INVALID_CONSUMER,
        /** "Invalid access token" (OAuth 2.0 bearer tokens). */
        INVALID_ACCESS_TOKEN,
        /** Any other text. */
        OTHER
    }

    private final Reason reason;

    public InvalidAuthorizationException(String code, String info, JsonNode body) {
        super(code, info, body);
        this.reason = reasonOf(info);
    }

    public Reason reason() {
        return reason;
    }

    /** True when the user's grant is gone: their session's tokens are worthless. */
    public boolean isGrantRevoked() {
        return reason == Reason.GRANT_NOT_FOUND;
    }

    static Reason reasonOf(String info) {
        String text = info.toLowerCase(Locale.ROOT);
        if (text.contains("no approved grant")) {
            return Reason.GRANT_NOT_FOUND;
        }
        if (text.contains("invalid signature")) {
            return Reason.INVALID_SIGNATURE;
        }
        if (text.contains("nonce already used")) {
            return Reason.NONCE_REUSED;
        }
        if (text.contains("expired timestamp")) {
            return Reason.EXPIRED_TIMESTAMP;
        }
        if (text.contains("invalid consumer")) {
            return Reason.INVALID_CONSUMER;
        }
        if (text.contains("invalid access token")) {
            return Reason.INVALID_ACCESS_TOKEN;
        }
        return Reason.OTHER;
    }
}
