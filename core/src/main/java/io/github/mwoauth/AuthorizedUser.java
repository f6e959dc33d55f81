package io.github.mwoauth;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link TokenStore} holds for a user: the access token and, once identified, who the user is.
 */
public record AuthorizedUser(AccessToken accessToken, @Nullable MediaWikiIdentity identity) {

    public AuthorizedUser {
        Objects.requireNonNull(accessToken, "accessToken cannot be null");
    }
}
