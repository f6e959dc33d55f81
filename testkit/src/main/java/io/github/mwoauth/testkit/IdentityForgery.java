package io.github.mwoauth.testkit;

import com.nimbusds.jose.util.Base64URL;
import io.github.mwoauth.IdentityVerificationException.Check;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ways to forge the identify JWT, for {@link Faults#forgedIdentity(IdentityForgery, int)}: each answers the
 * identify request with a JWT that differs from the genuine one in exactly one respect, so that a client's
 * verification must fail on the check named here. The genuine JWT is HS256 keyed with the consumer secret.
 */
public enum IdentityForgery {

    /** {@code alg: none}, no signature: the algorithm check. */
    ALG_NONE(Check.ALGORITHM),
    /** HS512 keyed with the consumer secret: the algorithm check (only HS256 is MediaWiki's). */
    HS512(Check.ALGORITHM),
    /** HS256 keyed with another secret: the signature check. */
    OTHER_SECRET(Check.SIGNATURE),
    /** The genuine signature over a payload that names another user ({@code username} Mallory): the signature check. */
    SWAPPED_PAYLOAD(Check.SIGNATURE),
    /** A correctly signed JWT with a missing {@code sub} and {@code nonce}: the missing-claim check. */
    MISSING_CLAIMS(Check.MISSING_CLAIM),
    /** {@code iss} of another wiki: the issuer check. */
    WRONG_ISSUER(Check.ISSUER),
    /** {@code aud} of another consumer: the audience check. */
    WRONG_AUDIENCE(Check.AUDIENCE),
    /** Issued an hour from now: the issued-at check. */
    FUTURE_IAT(Check.ISSUED_AT),
    /** Issued an hour ago, so expired 100 s later: the expiration check. */
    EXPIRED(Check.EXPIRATION),
    /** A {@code nonce} other than the identify request's: the nonce check. */
    WRONG_NONCE(Check.NONCE);

    private static final String OTHER_KEY = "0000000000000000000000000000000000000000";

    private final Check check;

    IdentityForgery(Check check) {
        this.check = check;
    }

    /** The check of {@link io.github.mwoauth.IdentityVerifier} this forgery is made to fail. */
    public Check check() {
        return check;
    }

    /** The forged JWT for the genuine {@code claims} (left unchanged) of a consumer with {@code secret}. */
    String forge(ObjectNode claims, String secret, JsonMapper json) {
        ObjectNode forged = claims.deepCopy();
        long iat = claims.path("iat").asLong();
        switch (this) {
            case ALG_NONE:
                return encode(json, "{\"typ\":\"JWT\",\"alg\":\"none\"}", forged) + '.';
            case HS512:
                return signed(json, "HS512", forged, secret);
            case OTHER_SECRET:
                return signed(json, "HS256", forged, OTHER_KEY);
            case SWAPPED_PAYLOAD:
                String genuine = signed(json, "HS256", forged, secret);
                forged.put("username", "Mallory");
                String payload = Base64URL.encode(json.writeValueAsString(forged)).toString();
                return genuine.substring(0, genuine.indexOf('.') + 1) + payload
                        + genuine.substring(genuine.lastIndexOf('.'));
            case MISSING_CLAIMS:
                forged.remove("sub");
                forged.remove("nonce");
                break;
            case WRONG_ISSUER:
                forged.put("iss", "https://evil.example");
                break;
            case WRONG_AUDIENCE:
                forged.put("aud", "ffffffffffffffffffffffffffffffff");
                break;
            case FUTURE_IAT:
                forged.put("iat", iat + 3600);
                forged.put("exp", iat + 3700);
                break;
            case EXPIRED:
                forged.put("iat", iat - 3600);
                forged.put("exp", iat - 3500);
                break;
            case WRONG_NONCE:
                forged.put("nonce", "forged" + claims.path("nonce").asString());
                break;
            default:
                throw new IllegalStateException("unknown forgery " + this);
        }
        return signed(json, "HS256", forged, secret);
    }

    /** The genuine JWT: HS256 keyed with {@code secret}. */
    static String genuine(ObjectNode claims, String secret, JsonMapper json) {
        return signed(json, "HS256", claims, secret);
    }

    private static String signed(JsonMapper json, String alg, ObjectNode claims, String key) {
        String signingInput = encode(json, "{\"typ\":\"JWT\",\"alg\":\"" + alg + "\"}", claims);
        try {
            Mac mac = Mac.getInstance(alg.equals("HS512") ? "HmacSHA512" : "HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), mac.getAlgorithm()));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + '.' + Base64URL.encode(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the identify JWT", e);
        }
    }

    private static String encode(JsonMapper json, String header, ObjectNode claims) {
        return Base64URL.encode(header).toString() + '.' + Base64URL.encode(json.writeValueAsString(claims));
    }
}
