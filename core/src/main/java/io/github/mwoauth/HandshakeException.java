package io.github.mwoauth;

import org.jspecify.annotations.Nullable;

/**
 * The wiki refused a handshake step (initiate, token exchange or identify). Carries the wiki's own message,
 * with HTML entities decoded and markup removed, its message key when the wiki gave one (JSON errors) and
 * the Extension:OAuth error code ({@code E004}, {@code E009}, ...) when the message names one.
 */
public class HandshakeException extends MediaWikiOAuthException {

    private static final long serialVersionUID = 1L;

    private final String step;
    private final String wikiMessage;
    private final @Nullable String messageKey;
    private final @Nullable String errorCode;

    public HandshakeException(String step, String wikiMessage, @Nullable String messageKey,
            @Nullable String errorCode) {
        super("The wiki refused the OAuth " + step + " step: " + wikiMessage);
        this.step = step;
        this.wikiMessage = wikiMessage;
        this.messageKey = messageKey;
        this.errorCode = errorCode;
    }

    /** {@code initiate}, {@code token} or {@code identify}. */
    public String step() {
        return step;
    }

    /** The wiki's message, as plain text. */
    public String wikiMessage() {
        return wikiMessage;
    }

    /** The wiki's message key, such as {@code mwoauthdatastore-access-token-not-found}, when it sent one. */
    public @Nullable String messageKey() {
        return messageKey;
    }

    /** The Extension:OAuth error code such as {@code E009}, when the message names one. */
    public @Nullable String errorCode() {
        return errorCode;
    }
}
