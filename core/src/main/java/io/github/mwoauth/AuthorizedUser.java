package io.github.mwoauth;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link TokenStore} holds for a user: the credentials (OAuth 1.0a access token or OAuth 2.0 tokens)
 * and, once identified, who the user is.
 */
public record AuthorizedUser(UserCredentials credentials, @Nullable MediaWikiIdentity identity) {

    public AuthorizedUser {
        Objects.requireNonNull(credentials, "credentials cannot be null");
    }

    /**
     * The OAuth 1.0a access token.
     *
     * @throws IllegalStateException when the user logged in with OAuth 2.0
     */
    public AccessToken accessToken() {
        if (credentials instanceof AccessToken token) {
            return token;
        }
        throw new IllegalStateException("this user holds OAuth 2.0 tokens, not an OAuth 1.0a access token");
    }

    /** The same user with other credentials (after a refresh), identity kept. */
    public AuthorizedUser withCredentials(UserCredentials fresh) {
        return new AuthorizedUser(fresh, identity);
    }
}
