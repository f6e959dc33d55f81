package io.github.mwoauth;

import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A started OAuth 2.0 authorization: where to send the user, and what to keep (in the session) until the
 * callback. {@link #toString()} hides the state and the PKCE verifier.
 *
 * @param authorizeUrl {@code rest.php/oauth2/authorize?...} with {@code state} and the S256 {@code code_challenge}
 * @param state the {@code state} the callback must echo, 128 random bits as hex
 * @param codeVerifier the PKCE verifier (RFC 7636), 256 random bits as 64 hex characters
 * @param redirectUri the {@code redirect_uri} sent to authorize, which the exchange must send again; {@code null}
 *     when none was sent (the wiki then uses the registered one and the exchange must not send one)
 */
public record OAuth2Authorization(URI authorizeUrl, String state, String codeVerifier, @Nullable String redirectUri) {

    public OAuth2Authorization {
        Objects.requireNonNull(authorizeUrl, "authorizeUrl cannot be null");
        Objects.requireNonNull(state, "state cannot be null");
        Objects.requireNonNull(codeVerifier, "codeVerifier cannot be null");
    }

    @Override
    public String toString() {
        return "OAuth2Authorization[authorizeUrl=<hidden>, redirectUri=" + redirectUri
                + ", state=<hidden>, codeVerifier=<hidden>]";
    }
}
