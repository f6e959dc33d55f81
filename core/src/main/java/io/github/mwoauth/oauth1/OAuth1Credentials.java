package io.github.mwoauth.oauth1;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The secrets that sign one request: the consumer's key and secret and, once there is one, a token (request
 * or access token) with its secret. {@link #toString()} never shows a secret.
 */
public record OAuth1Credentials(String consumerKey, String consumerSecret, @Nullable String token,
        String tokenSecret) {

    public OAuth1Credentials {
        Objects.requireNonNull(consumerKey, "consumerKey cannot be null");
        Objects.requireNonNull(consumerSecret, "consumerSecret cannot be null");
        Objects.requireNonNull(tokenSecret, "tokenSecret cannot be null");
    }

    /** Credentials with no token yet (the initiate step). */
    public static OAuth1Credentials consumerOnly(String consumerKey, String consumerSecret) {
        return new OAuth1Credentials(consumerKey, consumerSecret, null, "");
    }

    @Override
    public String toString() {
        return "OAuth1Credentials[consumerKey=" + consumerKey + ", token=" + token + ", secrets=<hidden>]";
    }
}
