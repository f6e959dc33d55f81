package io.github.mwoauth;

import io.github.mwoauth.oauth1.ConsumerCredentials;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Identify JWTs shaped like the wiki's (mediawiki-oauth-wire §4), for tests. */
final class TestJwts {

    static final ConsumerCredentials CONSUMER = new ConsumerCredentials("159bf722d2a5e6b4fd39eb1f9d36e1b0",
            "3a4c8b0b5a8ce0f7b7e8c2f9e1d3a5b7c9e1f3a5");
    static final String ISSUER = "https://meta.wikimedia.org";
    static final String NONCE = "170430065134687374911795835636";

    private TestJwts() {
    }

    static JWTClaimsSet.Builder claims(Instant iat) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(CONSUMER.key())
                .expirationTime(Date.from(iat.plusSeconds(100))).issueTime(Date.from(iat)).subject("4")
                .claim("username", "Alice").claim("editcount", 12).claim("confirmed_email", true)
                .claim("blocked", false).claim("registered", "20261128031233")
                .claim("groups", List.of("*", "user", "autoconfirmed")).claim("rights", List.of("read", "edit"))
                .claim("grants", List.of("basic", "editpage")).claim("nonce", NONCE);
    }

    static String sign(JWTClaimsSet claims, JWSAlgorithm alg, String secret) {
        try {
            JWSSigner signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(com.nimbusds.jose.JOSEObjectType.JWT).build(),
                    claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hs256(JWTClaimsSet claims) {
        return sign(claims, JWSAlgorithm.HS256, CONSUMER.secret());
    }
}
