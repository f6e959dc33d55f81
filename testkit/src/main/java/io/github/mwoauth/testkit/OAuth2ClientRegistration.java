package io.github.mwoauth.testkit;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to register as an OAuth 2.0 client (Special:OAuthConsumerRegistration/propose/oauth2). Start from one of
 * the factories and adjust with the {@code with*} copies.
 *
 * @param name the application name shown on the consent page
 * @param confidential whether the client must authenticate with its secret (a server-side app) or not (a public
 *     client, which must use PKCE; it gets a secret too, which it needs to refresh)
 * @param redirectUri the registered redirect URI ({@code null} only for owner-only clients); a
 *     {@code redirect_uri} sent to authorize must equal it exactly
 * @param grants the grants, e.g. {@code basic}, {@code editpage}; they are the scopes a client may ask for
 * @param owner the user an owner-only client acts as, {@code null} for the other kinds
 * @param clientId a fixed client id, or {@code null} for a random 32-hex one
 * @param clientSecret a fixed client secret, or {@code null} for a random 40-hex one
 */
public record OAuth2ClientRegistration(String name, boolean confidential, @Nullable String redirectUri,
        List<String> grants, @Nullable String owner, @Nullable String clientId, @Nullable String clientSecret) {

    public OAuth2ClientRegistration {
        Objects.requireNonNull(name, "name cannot be null");
        grants = List.copyOf(grants);
        if (owner == null && redirectUri == null) {
            throw new IllegalArgumentException("an OAuth 2.0 client needs a redirect URI unless it is owner-only");
        }
        if (owner != null && !confidential) {
            throw new IllegalArgumentException("an owner-only OAuth 2.0 client is confidential");
        }
    }

    /** A confidential client (with a client secret) for a web application. */
    public static OAuth2ClientRegistration confidential(String name, String redirectUri) {
        return new OAuth2ClientRegistration(name, true, redirectUri, ConsumerRegistration.DEFAULT_GRANTS, null, null,
                null);
    }

    /** A public (non-confidential) client: PKCE mandatory; its secret is needed only to refresh. */
    public static OAuth2ClientRegistration publicClient(String name, String redirectUri) {
        return new OAuth2ClientRegistration(name, false, redirectUri, ConsumerRegistration.DEFAULT_GRANTS, null, null,
                null);
    }

    /** An owner-only client acting as {@code owner}: its access token is issued at registration. */
    public static OAuth2ClientRegistration ownerOnly(String name, String owner) {
        return new OAuth2ClientRegistration(name, true, null, ConsumerRegistration.DEFAULT_GRANTS, owner, null, null);
    }

    public OAuth2ClientRegistration withGrants(String... newGrants) {
        return new OAuth2ClientRegistration(name, confidential, redirectUri, List.of(newGrants), owner, clientId,
                clientSecret);
    }

    /** A fixed client id and secret (handy for a sample app's configuration); a {@code null} secret is random. */
    public OAuth2ClientRegistration withCredentials(String newClientId, @Nullable String newClientSecret) {
        return new OAuth2ClientRegistration(name, confidential, redirectUri, grants, owner, newClientId,
                newClientSecret);
    }

    @Override
    public String toString() {
        return "OAuth2ClientRegistration[name=" + name + ", confidential=" + confidential + ", redirectUri="
                + redirectUri + ", grants=" + grants + ", owner=" + owner + ", clientId=" + clientId
                + ", clientSecret=<hidden>]";
    }
}
