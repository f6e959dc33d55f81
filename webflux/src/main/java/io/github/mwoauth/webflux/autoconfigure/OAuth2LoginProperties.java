package io.github.mwoauth.webflux.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Settings under {@code mediawiki.oauth.oauth2}: logging in with OAuth 2.0. */
public class OAuth2LoginProperties {

    /** The client application key the wiki gave at registration (Special:OAuthConsumerRegistration/propose/oauth2). */
    private @Nullable String clientId;

    /**
     * The client application secret. A public (non-confidential) client may leave it unset, but MediaWiki 1.39 then
     * refuses its refreshes: its users log in again once their access token expires.
     */
    private @Nullable String clientSecret;

    /**
     * The redirect_uri sent to both the authorize and the token endpoints; it must equal the one registered (the
     * app's callback URL). Unset: sent to neither, and the wiki uses the registered one.
     */
    private @Nullable String redirectUri;

    /** The scopes (grants) to ask for, comma-separated. Empty: every grant of the client. */
    private List<String> scopes = new ArrayList<>();

    public @Nullable String getClientId() {
        return clientId;
    }

    public void setClientId(@Nullable String clientId) {
        this.clientId = clientId;
    }

    public @Nullable String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(@Nullable String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public @Nullable String getRedirectUri() {
        return redirectUri;
    }

    public void setRedirectUri(@Nullable String redirectUri) {
        this.redirectUri = redirectUri;
    }

    public List<String> getScopes() {
        return scopes;
    }

    public void setScopes(List<String> scopes) {
        this.scopes = scopes;
    }
}
