package io.github.mwoauth.testkit;

import org.jspecify.annotations.Nullable;

/**
 * An OAuth failure as MediaWiki reports it: a message key and its text. Thrown only inside the synchronous
 * request handlers and turned into a response there.
 */
final class OAuthProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String PROTOCOL_KEY = "mwoauth-oauth-exception";
    static final String NO_GRANT = "No approved grant was found for that authorization token.";
    static final String E009_HTML = "This request has already been completed and cannot be resubmitted.\n"
            + "Go back to the application and try to connect your account again, or contact the application "
            + "author.\n\n&lt;span class=&quot;plainlinks mw-mwoautherror-details&quot;&gt;OAuth token already "
            + "used, <a class=\"external\" href=\"https://www.mediawiki.org/wiki/Help:OAuth/Errors#E009\">E009</a>"
            + "&lt;/span&gt;";

    private final String key;
    private final String text;
    private final @Nullable String escapedText;

    private OAuthProblem(String key, String text, @Nullable String escapedText) {
        super(key + ": " + text, null, false, false);
        this.key = key;
        this.text = text;
        this.escapedText = escapedText;
    }

    /** An {@code OAuthException} of the protocol library: the text gets MediaWiki's prefix. */
    static OAuthProblem protocol(String reason) {
        return new OAuthProblem(PROTOCOL_KEY, "An error occurred in the OAuth protocol: " + reason, null);
    }

    /** A MediaWiki message. */
    static OAuthProblem message(String key, String text) {
        return new OAuthProblem(key, text, null);
    }

    static OAuthProblem requestTokenNotFound() {
        return message("mwoauthdatastore-request-token-not-found", "No token was found matching your request.");
    }

    static OAuthProblem accessTokenNotFound() {
        return message("mwoauthdatastore-access-token-not-found", NO_GRANT);
    }

    static OAuthProblem requestTokenUsed() {
        String plain = E009_HTML.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
        return new OAuthProblem("mwoauthdatastore-request-token-already-used", plain, E009_HTML);
    }

    String key() {
        return key;
    }

    String text() {
        return text;
    }

    /** The text as the raw format prints it, HTML-escaped. */
    String escapedText() {
        return escapedText != null ? escapedText : Texts.html(text);
    }

    /** The reason without the protocol prefix, as api.php quotes it. */
    String reason() {
        String prefix = "An error occurred in the OAuth protocol: ";
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }
}
