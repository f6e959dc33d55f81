package io.github.mwoauth.oauth1;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.github.mwoauth.IdentityVerificationException.Check;
import io.github.mwoauth.IdentityVerificationException;
import io.github.mwoauth.MediaWikiIdentity;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the JWT of Special:OAuth/identify: HS256 only, keyed with the consumer secret; {@code iss} equals
 * the wiki's server origin exactly; {@code aud} equals the consumer key; {@code iat} not in the future and
 * {@code exp} not past beyond the allowed clock skew; {@code nonce} equals the identify request's nonce.
 * Each failure names its {@link Check}.
 */
public final class IdentityVerifier {

    /** The default allowance for clock differences with the wiki (its JWTs live only 100 s). */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(10);


    private final ConsumerCredentials consumer;
    private final String issuer;
    private final Duration clockSkew;
    private final Clock clock;

    /**
     * @param consumer the consumer whose secret keys the HMAC and whose key is the audience
     * @param issuer the wiki's server origin, e.g. {@code https://meta.wikimedia.org}
     * @param clockSkew how far {@code iat} may lie in the future and {@code exp} in the past
     * @param clock the current time
     */
    public IdentityVerifier(ConsumerCredentials consumer, String issuer, Duration clockSkew, Clock clock) {
        this.consumer = Objects.requireNonNull(consumer, "consumer cannot be null");
        this.issuer = Objects.requireNonNull(issuer, "issuer cannot be null");
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew cannot be null");
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew cannot be negative");
        }
    }

    /**
     * Verifies {@code jwt} and returns the identity it carries.
     *
     * @throws IdentityVerificationException naming the first check that failed
     */
    public MediaWikiIdentity verify(String jwt, String expectedNonce) {
        SignedJWT signed = parse(jwt.strip());
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new IdentityVerificationException(Check.MALFORMED, "the payload is not a JSON claims set");
        }
        Map<String, Object> raw = signed.getPayload().toJSONObject();
        String iss = stringClaim(raw, "iss");
        List<String> audience = claims.getAudience();
        String sub = stringClaim(raw, "sub");
        Date iat = dateClaim(claims.getIssueTime(), "iat");
        Date exp = dateClaim(claims.getExpirationTime(), "exp");
        String nonce = stringClaim(raw, "nonce");
        if (!issuer.equals(iss)) {
            throw new IdentityVerificationException(Check.ISSUER,
                    "iss is '" + iss + "' but the wiki is '" + issuer + "'");
        }
        if (audience.size() != 1 || !consumer.key().equals(audience.get(0))) {
            throw new IdentityVerificationException(Check.AUDIENCE, "aud " + audience + " is not this consumer's key");
        }
        Instant now = clock.instant();
        if (iat.toInstant().isAfter(now.plus(clockSkew))) {
            throw new IdentityVerificationException(Check.ISSUED_AT,
                    "iat " + iat.toInstant() + " lies in the future (now " + now + ", skew " + clockSkew + ")");
        }
        if (exp.toInstant().plus(clockSkew).isBefore(now)) {
            throw new IdentityVerificationException(Check.EXPIRATION,
                    "exp " + exp.toInstant() + " has passed (now " + now + ", skew " + clockSkew + ")");
        }
        if (!java.security.MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8),
                expectedNonce.getBytes(StandardCharsets.UTF_8))) {
            throw new IdentityVerificationException(Check.NONCE, "nonce does not match the identify request's nonce");
        }
        return toIdentity(sub, claims);
    }

    private SignedJWT parse(String jwt) {
        JWT parsed;
        try {
            parsed = JWTParser.parse(jwt);
        } catch (ParseException e) {
            throw new IdentityVerificationException(Check.MALFORMED, "not a compact JWT: " + e.getMessage());
        }
        if (!(parsed instanceof SignedJWT signed)) {
            throw new IdentityVerificationException(Check.ALGORITHM,
                    "alg " + parsed.getHeader().getAlgorithm() + " is not HS256");
        }
        if (!JWSAlgorithm.HS256.equals(signed.getHeader().getAlgorithm())) {
            throw new IdentityVerificationException(Check.ALGORITHM,
                    "alg " + signed.getHeader().getAlgorithm() + " is not HS256");
        }
        boolean valid;
        try {
            valid = signed.verify(new MACVerifier(consumer.secret().getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IdentityVerificationException(Check.SIGNATURE, "cannot verify: " + e.getMessage());
        }
        if (!valid) {
            throw new IdentityVerificationException(Check.SIGNATURE, "the HS256 signature does not match the consumer secret");
        }
        return signed;
    }

    private static String stringClaim(Map<String, Object> raw, String name) {
        Object value = raw.get(name);
        if (value instanceof String s) {
            return s;
        }
        throw new IdentityVerificationException(Check.MISSING_CLAIM,
                value == null ? "claim '" + name + "' is missing" : "claim '" + name + "' is not a string");
    }

    /** A registered date claim: one that is not a number already failed as a malformed claims set. */
    private static Date dateClaim(@Nullable Date value, String name) {
        if (value == null) {
            throw new IdentityVerificationException(Check.MISSING_CLAIM, "claim '" + name + "' is missing");
        }
        return value;
    }

    private static MediaWikiIdentity toIdentity(String sub, JWTClaimsSet claims) {
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        claims.getClaims().forEach((k, v) -> {
            if (v != null) {
                all.put(k, v instanceof Date d ? d.toInstant().getEpochSecond() : v);
            }
        });
        return new MediaWikiIdentity(sub, optionalString(claims, "username"), stringList(claims, "groups"),
                stringList(claims, "rights"), stringList(claims, "grants"), longClaim(claims, "editcount"),
                Boolean.TRUE.equals(claims.getClaim("blocked")), Boolean.TRUE.equals(claims.getClaim("confirmed_email")),
                MediaWikiIdentity.registeredAt(claims.getClaim("registered")), optionalString(claims, "realname"),
                optionalString(claims, "email"), all);
    }

    private static @Nullable String optionalString(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s ? s : null;
    }

    private static long longClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof Number n ? n.longValue() : 0L;
    }

    private static List<String> stringList(JWTClaimsSet claims, String name) {
        if (!(claims.getClaim(name) instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    /** MediaWiki timestamps are {@code YYYYMMDDhhmmss} in UTC; anything else is treated as unknown. */
}
