package io.github.mwoauth.testkit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A registered OAuth 2.0 client as the wiki hands it to the developer. {@link #toString()} hides the secrets.
 *
 * @param name the application name shown on the consent page
 * @param clientId the client id, 32 hex
 * @param clientSecret the client secret (40 hex); public clients get one too, which they need to refresh
 * @param redirectUri the registered redirect URI, {@code null} for owner-only clients
 * @param grants the grants, which are the scopes the client may ask for
 * @param ownerAccessToken for owner-only clients the access token issued at registration (an RS256 JWT that
 *     lives until revoked), else {@code null}
 * @param confidential whether the client must authenticate with its secret at the token endpoint; a public
 *     (non-confidential) client exchanges codes with PKCE alone
 */
public record OAuth2Client(String name, String clientId, String clientSecret, @Nullable String redirectUri,
        List<String> grants, @Nullable String ownerAccessToken, boolean confidential) {

    public OAuth2Client {
        grants = List.copyOf(grants);
    }

    /** Whether the client is owner-only: no authorization code grant, the access token comes at registration. */
    public boolean ownerOnly() {
        return ownerAccessToken != null;
    }

    @Override
    public String toString() {
        return "OAuth2Client[name=" + name + ", clientId=" + clientId + ", confidential=" + confidential()
                + ", ownerOnly=" + ownerOnly() + ", redirectUri=" + redirectUri + ", grants=" + grants
                + ", secrets=<hidden>]";
    }
}
