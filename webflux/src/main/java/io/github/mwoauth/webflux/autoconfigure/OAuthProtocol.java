package io.github.mwoauth.webflux.autoconfigure;

/** Which protocol the login routes speak with the wiki ({@code mediawiki.oauth.protocol}). */
public enum OAuthProtocol {
    /** OAuth 1.0a: {@code Special:OAuth/initiate}, authorize, token and identify. */
    OAUTH1,
    /**
     * OAuth 2.0, the authorization code grant with {@code state} and PKCE S256: {@code rest.php/oauth2/authorize},
     * {@code access_token} and {@code resource/profile}.
     */
    OAUTH2
}
