package io.github.mwoauth.testkit;

import java.time.Duration;

/**
 * Which Extension:OAuth LocalWiki behaves as, where versions differ on the wire. {@link #REL1_39} (the default) is
 * MediaWiki 1.39 with Extension:OAuth REL1_39 as observed; {@link #WIKIMEDIA_PRODUCTION} is the newer extension behind
 * Wikimedia's edge as documented for the production wikis.
 *
 * <table>
 * <caption>What differs</caption>
 * <tr><th></th><th>{@code REL1_39}</th><th>{@code WIKIMEDIA_PRODUCTION}</th></tr>
 * <tr><td>an expired OAuth 2.0 access token on api.php</td><td>HTTP 200, {@code mwoauth-invalid-authorization}
 *     "Invalid access token"</td><td>HTTP 401 with {@code WWW-Authenticate: Bearer error="invalid_token", ...},
 *     same body</td></tr>
 * <tr><td>{@code $wgOAuth2RefreshTokenTTL} as shipped</td><td>one minute ({@link #REL1_39_SHIPPED_REFRESH_TOKEN_LIFETIME},
 *     a bug fixed later upstream)</td><td>about a month</td></tr>
 * <tr><td>PKCE for public clients</td><td>required (observed: authorize refuses a public client without
 *     {@code code_challenge})</td><td>required</td></tr>
 * </table>
 *
 * <p>Both profiles start with month-long refresh tokens ({@link #refreshTokenLifetime()}), as a wiki whose
 * administrator set {@code $wgOAuth2RefreshTokenTTL}; {@code LocalWiki.builder().refreshTokenLifetime(
 * WikiProfile.REL1_39_SHIPPED_REFRESH_TOKEN_LIFETIME)} emulates REL1_39 as shipped.
 */
public enum WikiProfile {

    /** MediaWiki 1.39 with Extension:OAuth REL1_39, as observed on the wire. */
    REL1_39(false),

    /** The newer Extension:OAuth behind Wikimedia's edge (the production wikis), as documented. */
    WIKIMEDIA_PRODUCTION(true);

    /** REL1_39's shipped {@code $wgOAuth2RefreshTokenTTL} ({@code PT1M}): refreshing fails after a minute. */
    public static final Duration REL1_39_SHIPPED_REFRESH_TOKEN_LIFETIME = Duration.ofMinutes(1);

    private static final Duration MONTH = Duration.ofDays(30);

    private final boolean invalidTokenChallenge;

    WikiProfile(boolean invalidTokenChallenge) {
        this.invalidTokenChallenge = invalidTokenChallenge;
    }

    /**
     * Whether api.php answers an expired OAuth 2.0 access token with HTTP 401 and
     * {@code WWW-Authenticate: Bearer error="invalid_token"} (the start value of {@link LocalWiki#wikimediaEdge}).
     */
    public boolean invalidTokenChallenge() {
        return invalidTokenChallenge;
    }

    /** Whether a public OAuth 2.0 client must send a PKCE {@code code_challenge} to authorize: in both. */
    public boolean pkceRequiredForPublicClients() {
        return true;
    }

    /** The refresh-token lifetime a wiki of this profile starts with: a month (see the class comment). */
    public Duration refreshTokenLifetime() {
        return MONTH;
    }
}
