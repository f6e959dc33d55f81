package io.github.mwoauth.peers.scribejava;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

/**
 * Checks the answer of {@code Special:OAuth/identify}: a JWT signed HS256 with the consumer secret, whose
 * {@code iss} is the wiki's server, {@code aud} the consumer key and {@code nonce} the request's
 * {@code oauth_nonce}, issued just now; its {@code username} is the user.
 */
final class IdentifyJwt {

    private static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final String consumerKey;
    private final byte[] consumerSecret;
    private final String issuer;

    IdentifyJwt(String consumerKey, String consumerSecret, String indexUrl) {
        this.consumerKey = consumerKey;
        this.consumerSecret = consumerSecret.getBytes(StandardCharsets.UTF_8);
        URI index = URI.create(indexUrl);
        this.issuer = index.getScheme() + "://" + index.getRawAuthority();
    }

    /** The user name the JWT {@code body} vouches for; an {@link IllegalStateException} when it does not hold. */
    String username(String body, String nonce) {
        try {
            SignedJWT jwt = SignedJWT.parse(body.strip());
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new MACVerifier(consumerSecret))) {
                throw new IllegalStateException("identify: the JWT's signature does not verify");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            new DefaultJWTClaimsVerifier<>(consumerKey,
                    new JWTClaimsSet.Builder().issuer(issuer).claim("nonce", nonce).build(),
                    Set.of("iat", "exp", "sub", "username")).verify(claims, null);
            Date issued = claims.getIssueTime();
            if (Duration.between(issued.toInstant(), Instant.now()).abs().compareTo(MAX_SKEW) > 0) {
                throw new IllegalStateException("identify: the JWT was not issued just now");
            }
            return claims.getStringClaim("username");
        } catch (ParseException | JOSEException | BadJWTException e) {
            throw new IllegalStateException("identify: " + e.getMessage(), e);
        }
    }
}
