package io.github.mwoauth.webflux.autoconfigure;

import io.github.mwoauth.webflux.security.MediaWikiSecurity;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings under {@code mediawiki.oauth.security}: the login in a Spring Security chain. */
@ConfigurationProperties("mediawiki.oauth.security")
public class MediaWikiSecurityProperties {

    /**
     * What GET on the logout path does, which needs no CSRF token: allowed, same-origin (refused when the browser
     * says the request comes from another site) or refused (logout is POST only). Unset: same-origin.
     */
    private MediaWikiSecurity.@Nullable GetLogout getLogout;

    public MediaWikiSecurity.@Nullable GetLogout getGetLogout() {
        return getLogout;
    }

    public void setGetLogout(MediaWikiSecurity.@Nullable GetLogout getLogout) {
        this.getLogout = getLogout;
    }
}
