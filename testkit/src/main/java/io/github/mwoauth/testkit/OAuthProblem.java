package io.github.mwoauth.testkit;

import org.jspecify.annotations.Nullable;

/**
 * An OAuth failure as MediaWiki reports it: a message key and its text. Thrown only inside the synchronous
 * request handlers and turned into a response there.
 *
 * <p>Messages that name an error code (E004, E009, E010, ...) carry it as a raw link parameter, so the two
 * renderings differ: {@link #text()} ({@code Message::text()}, the JSON {@code message}) has the markup as is,
 * {@link #escapedText()} ({@code Message::escaped()}, the raw {@code Error: } body) HTML-escapes the message but
 * not the link.
 */
final class OAuthProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String PROTOCOL_KEY = "mwoauth-oauth-exception";
    static final String NO_GRANT = "No approved grant was found for that authorization token.";
    static final String ERRORS_HELP = "https://www.mediawiki.org/wiki/Help:OAuth/Errors#";
    /** Where a raw link parameter stands in a message template. */
    private static final String LINK = "\u0000link\u0000";

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

    /**
     * A message whose {@code details} end in a raw link to the help page of {@code code}, in the
     * {@code <span class="plainlinks mw-mwoautherror-details">} every coded Extension:OAuth message ends with.
     */
    private static OAuthProblem coded(String key, String lead, String details, String code) {
        String template = lead + "\n\n<span class=\"plainlinks mw-mwoautherror-details\">" + details + ", " + LINK
                + "</span>";
        String link = errorLink(code);
        return new OAuthProblem(key, template.replace(LINK, link), Texts.html(template).replace(LINK, link));
    }

    /** {@code Linker::makeExternalLink} of an error code's help page, as Special:OAuth renders it. */
    static String errorLink(String code) {
        return "<a class=\"external\" href=\"" + ERRORS_HELP + code + "\">" + code + "</a>";
    }

    /** E004: no request token of this consumer in the cache (unknown, another consumer's, or expired). */
    static OAuthProblem requestTokenNotFound() {
        return coded("mwoauthdatastore-request-token-not-found", "Sorry, something went wrong connecting this "
                + "application.\nGo back and try to connect your account again, or contact the application author.",
                "OAuth token not found", "E004");
    }

    /** E009: the request token was exchanged already (the cache holds it as used for 600 s). */
    static OAuthProblem requestTokenUsed() {
        return coded("mwoauthdatastore-request-token-already-used", "This request has already been completed and "
                + "cannot be resubmitted.\nGo back to the application and try to connect your account again, or "
                + "contact the application author.", "OAuth token already used", "E009");
    }

    /** E010: owner-only consumers skip the handshake; initiate and token refuse them. */
    static OAuthProblem ownerOnly(Consumer consumer) {
        return coded("mwoauthserver-consumer-owner-only", "\"" + consumer.name() + "\" is an owner-only Connected "
                + "App. To fetch the access token, see [[Special:OAuthConsumerRegistration/update/" + consumer.key()
                + "]].", "Consumer is owner-only", "E010");
    }

    /** E006: the consent page for a consumer key that names no consumer. */
    static OAuthProblem badConsumerKey() {
        return coded("mwoauthserver-bad-consumer-key", "Sorry, something went wrong connecting this application.",
                "Unknown OAuth key", "E006");
    }

    /** Cancel on the consent page for a consumer key that names no consumer. */
    static OAuthProblem invalidConsumerKey() {
        return message("mwoauth-invalid-consumer-key", "No consumer exists with the given key.");
    }

    /** A request token in the cache that no user has allowed, or no verifier sent. */
    static OAuthProblem badToken() {
        return message("mwoauthdatastore-bad-token", "No token was found matching your request.");
    }

    static OAuthProblem accessTokenNotFound() {
        return message("mwoauthdatastore-access-token-not-found", NO_GRANT);
    }

    String key() {
        return key;
    }

    /** The text as {@code Message::text()} gives it: the JSON {@code message}. */
    String text() {
        return text;
    }

    /** The text as the raw format prints it, HTML-escaped but for raw link parameters. */
    String escapedText() {
        return escapedText != null ? escapedText : Texts.html(text);
    }

    /** The reason without the protocol prefix, as api.php quotes it. */
    String reason() {
        String prefix = "An error occurred in the OAuth protocol: ";
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }
}
