package io.github.mwoauth.oauth1;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA1 signature method of RFC 5849 §3.4.2: the key is the encoded consumer secret and the encoded
 * token secret joined by {@code &} (the {@code &} stays when the token secret is empty), the signature the
 * Base64 of the HMAC of the base string.
 */
public final class HmacSha1 {

    private static final String ALGORITHM = "HmacSHA1";
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(HmacSha1::newMac);

    private HmacSha1() {
    }

    /** Signs {@code baseString} with the given secrets; an absent token secret is the empty string. */
    public static String sign(String baseString, String consumerSecret, String tokenSecret) {
        String key = PercentEncoding.encode(consumerSecret) + '&' + PercentEncoding.encode(tokenSecret);
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA1 key rejected", e);
        }
        byte[] digest = mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(digest);
    }

    /** Compares two signatures in constant time. */
    public static boolean matches(String expected, String actual) {
        return java.security.MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no HmacSHA1", e);
        }
    }
}
