package io.github.mwoauth.testkit;

import org.jspecify.annotations.Nullable;

/**
 * An OAuth 2.0 error as league/oauth2-server (which Extension:OAuth uses) reports it: error type, description,
 * optional hint and HTTP status. Thrown only inside the synchronous request handlers and turned into a
 * response there.
 */
final class OAuth2Problem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String INVALID_REQUEST = "The request is missing a required parameter, includes an invalid "
            + "parameter value, includes a parameter more than once, or is otherwise malformed.";
    static final String INVALID_GRANT = "The provided authorization grant (e.g., authorization code, resource owner "
            + "credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used "
            + "in the authorization request, or was issued to another client.";

    /** league's {@code unauthorized_client} text, also the page the wiki shows after Cancel on its consent page. */
    static final String UNAUTHORIZED_CLIENT = "The client is not authorized to request an authorization code using "
            + "this method.";
    /** The text of the "Application Connection Error" page for an unknown client or redirect URI at authorize. */
    static final String CLIENT_AUTHENTICATION_FAILED = "Client authentication failed (e.g., unknown client, no client "
            + "authentication included, or unsupported authentication method)";

    private final String error;
    private final String description;
    private final @Nullable String hint;
    private final int status;

    private OAuth2Problem(String error, String description, @Nullable String hint, int status) {
        super(error + ": " + description + (hint == null ? "" : " (" + hint + ")"), null, false, false);
        this.error = error;
        this.description = description;
        this.hint = hint;
        this.status = status;
    }

    /** {@code invalidRequest($parameter, $hint)}: the hint defaults to "Check the `parameter` parameter". */
    static OAuth2Problem invalidRequest(String parameter, @Nullable String hint) {
        return new OAuth2Problem("invalid_request", INVALID_REQUEST,
                hint != null ? hint : "Check the `" + parameter + "` parameter", 400);
    }

    static OAuth2Problem invalidClient() {
        return new OAuth2Problem("invalid_client", "Client authentication failed", null, 401);
    }

    static OAuth2Problem invalidGrant(String hint) {
        return new OAuth2Problem("invalid_grant", INVALID_GRANT, hint, 400);
    }

    /** league 8: a refresh token unknown, expired, revoked or of another client is 401 {@code invalid_request}. */
    static OAuth2Problem invalidRefreshToken(String hint) {
        return new OAuth2Problem("invalid_request", "The refresh token is invalid.", hint, 401);
    }

    /** A grant the client may not use (client_credentials for a client that is not owner-only). */
    static OAuth2Problem unauthorizedClient() {
        return new OAuth2Problem("unauthorized_client", UNAUTHORIZED_CLIENT, null, 400);
    }

    static OAuth2Problem invalidScope(String scope) {
        return new OAuth2Problem("invalid_scope", "The requested scope is invalid, unknown, or malformed",
                "Check the `" + scope + "` scope", 400);
    }

    static OAuth2Problem unsupportedGrantType() {
        return new OAuth2Problem("unsupported_grant_type",
                "The authorization grant type is not supported by the authorization server.",
                "Check that all required parameters have been provided", 400);
    }

    static OAuth2Problem accessDenied(String hint) {
        return new OAuth2Problem("access_denied", "The resource owner or authorization server denied the request.",
                hint, 401);
    }

    /** The sentence the wiki's "Application Connection Error" page shows for this refusal at authorize. */
    String pageText() {
        return switch (error) {
            case "invalid_client" -> CLIENT_AUTHENTICATION_FAILED;
            case "invalid_request" -> INVALID_REQUEST;
            default -> description;
        };
    }

    String error() {
        return error;
    }

    String description() {
        return description;
    }

    @Nullable String hint() {
        return hint;
    }

    int status() {
        return status;
    }
}
