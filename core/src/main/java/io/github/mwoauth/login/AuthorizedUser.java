package io.github.mwoauth.login;

import io.github.mwoauth.MediaWikiIdentity;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user as a {@link TokenStore} holds them: the credentials a {@link MediaWikiLogin} issued and, once
 * identified, who the user is.
 */
public record AuthorizedUser(UserCredentials credentials, @Nullable MediaWikiIdentity identity) {

    public AuthorizedUser {
        Objects.requireNonNull(credentials, "credentials cannot be null");
    }

    /** The same user with other credentials (after a refresh), identity kept. */
    public AuthorizedUser withCredentials(UserCredentials fresh) {
        return new AuthorizedUser(fresh, identity);
    }
}
