package io.github.mwoauth.webflux.autoconfigure;

import io.github.mwoauth.oauth1.IdentityVerifier;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Settings under {@code mediawiki.oauth.oauth1}: logging in with OAuth 1.0a. */
public class OAuth1LoginProperties {

    /** The consumer key the wiki gave at registration (Special:OAuthConsumerRegistration/propose/oauth1a). */
    private @Nullable String consumerKey;

    /** The consumer secret that goes with the key. Required with the key. */
    private @Nullable String consumerSecret;

    /**
     * The absolute callback URL sent when a login starts, for consumers registered with "callback is prefix".
     * Unset: "oob" is sent and the wiki uses the registered callback.
     */
    private @Nullable String callbackUrl;

    /** How far the identity JWT's iat and exp may be off. */
    private Duration identityClockSkew = IdentityVerifier.DEFAULT_CLOCK_SKEW;

    public @Nullable String getConsumerKey() {
        return consumerKey;
    }

    public void setConsumerKey(@Nullable String consumerKey) {
        this.consumerKey = consumerKey;
    }

    public @Nullable String getConsumerSecret() {
        return consumerSecret;
    }

    public void setConsumerSecret(@Nullable String consumerSecret) {
        this.consumerSecret = consumerSecret;
    }

    public @Nullable String getCallbackUrl() {
        return callbackUrl;
    }

    public void setCallbackUrl(@Nullable String callbackUrl) {
        this.callbackUrl = callbackUrl;
    }

    public Duration getIdentityClockSkew() {
        return identityClockSkew;
    }

    public void setIdentityClockSkew(Duration identityClockSkew) {
        this.identityClockSkew = identityClockSkew;
    }
}
