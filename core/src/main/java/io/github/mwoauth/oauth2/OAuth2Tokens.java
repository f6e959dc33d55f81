package io.github.mwoauth.oauth2;

import io.github.mwoauth.login.UserCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user's OAuth 2.0 credentials: the bearer access token (an RS256 JWT on MediaWiki, opaque here), the
 * refresh token and when the access token expires. {@link #toString()} never prints a token.
 *
 * @param accessToken the access token sent as {@code Authorization: Bearer}
 * @param refreshToken the refresh token, {@code null} when the wiki gave none (owner-only clients)
 * @param expiresAt when the access token expires by the wiki's {@code expires_in}, measured from when the
 *     request was sent, in whole seconds (a fraction is dropped, so the token counts as expired a little early
 *     rather than late, and tokens read back from a store that keeps seconds equal the ones stored);
 *     {@link Instant#MAX} when unknown
 */
public record OAuth2Tokens(String accessToken, @Nullable String refreshToken, Instant expiresAt)
        implements UserCredentials {

    public OAuth2Tokens {
        Objects.requireNonNull(accessToken, "accessToken cannot be null");
        Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
        if (accessToken.isEmpty()) {
            throw new IllegalArgumentException("accessToken cannot be empty");
        }
        if (!expiresAt.equals(Instant.MAX)) {
            expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
        }
    }

    /** The access token of an owner-only OAuth 2.0 client: no refresh token, no known expiry. */
    public static OAuth2Tokens ownerOnly(String accessToken) {
        return new OAuth2Tokens(accessToken, null, Instant.MAX);
    }

    /** Whether the access token has expired, or will within {@code skew}, by {@code clock}. */
    public boolean isExpired(Clock clock, Duration skew) {
        Objects.requireNonNull(clock, "clock cannot be null");
        if (skew.isNegative()) {
            throw new IllegalArgumentException("skew cannot be negative");
        }
        if (expiresAt.equals(Instant.MAX)) {
            return false;
        }
        return !clock.instant().plus(skew).isBefore(expiresAt);
    }

    /** {@code Bearer <access token>}, the {@code Authorization} header value. */
    public String authorizationHeader() {
        return "Bearer " + accessToken;
    }

    @Override
    public String toString() {
        return "OAuth2Tokens[expiresAt=" + expiresAt + ", refreshToken=" + (refreshToken == null ? "none" : "<hidden>")
                + ", accessToken=<hidden>]";
    }
}
