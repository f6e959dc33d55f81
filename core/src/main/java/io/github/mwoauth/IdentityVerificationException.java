package io.github.mwoauth;

/** An identify JWT failed a check; {@link #check()} names which. */
public class IdentityVerificationException extends MediaWikiOAuthException {

    private static final long serialVersionUID = 1L;

    /** The checks an identify JWT must pass, in the order they are made. */
    public enum Check {
        /** The body is not a compact JWS at all. */
        MALFORMED,
        /** The header's {@code alg} is not HS256. */
        ALGORITHM,
        /** The HMAC does not verify with the consumer secret. */
        SIGNATURE,
        /** A required claim ({@code iss}, {@code aud}, {@code sub}, {@code iat}, {@code exp}, {@code nonce}) is absent or of the wrong type. */
        MISSING_CLAIM,
        /** {@code iss} is not the wiki's server origin. */
        ISSUER,
        /** {@code aud} is not the consumer key. */
        AUDIENCE,
        /** {@code iat} lies in the future beyond the allowed clock skew. */
        ISSUED_AT,
        /** {@code exp} has passed beyond the allowed clock skew. */
        EXPIRATION,
        /** {@code nonce} is not the nonce of the identify request. */
        NONCE
    }

    private final Check check;

    public IdentityVerificationException(Check check, String message) {
        super("Identity JWT rejected (" + check + "): " + message);
        this.check = check;
    }

    public Check check() {
        return check;
    }
}
