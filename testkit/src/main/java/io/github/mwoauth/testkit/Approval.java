package io.github.mwoauth.testkit;

/**
 * The outcome of a user allowing a request token.
 *
 * @param requestToken the request token
 * @param verifier the {@code oauth_verifier}, 32 hex
 * @param callbackUrl where the browser is redirected: the callback with {@code oauth_verifier} then
 *     {@code oauth_token} appended
 */
public record Approval(String requestToken, String verifier, String callbackUrl) {

    /** The query string of {@link #callbackUrl()} from {@code oauth_verifier} on. */
    public String callbackQuery() {
        return callbackUrl.substring(callbackUrl.lastIndexOf("oauth_verifier="));
    }
}
