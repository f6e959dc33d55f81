package io.github.mwoauth.oauth1;

import io.github.mwoauth.http.PercentEncoding;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The HMAC-SHA1 signature method of RFC 5849 §3.4.2: the key is the encoded consumer secret and the encoded
 * token secret joined by {@code &} (the {@code &} stays when the token secret is empty), the signature the
 * Base64 of the HMAC of the base string.
 */
public final class HmacSha1 {

    private static final String ALGORITHM = "HmacSHA1";
    private static final ThreadLocal<KeyedMac> MACS = ThreadLocal.withInitial(KeyedMac::new);

    private HmacSha1() {
    }

    /** Signs {@code baseString} with the given secrets; an absent token secret is the empty string. */
    public static String sign(String baseString, String consumerSecret, String tokenSecret) {
        byte[] bytes = baseString.getBytes(StandardCharsets.UTF_8);
        return sign(bytes, bytes.length, consumerSecret, tokenSecret);
    }

    /** Signs the first {@code length} bytes of {@code baseString}. */
    static String sign(byte[] baseString, int length, String consumerSecret, String tokenSecret) {
        Mac mac = MACS.get().keyedWith(consumerSecret, tokenSecret);
        mac.update(baseString, 0, length);
        return Base64.getEncoder().encodeToString(mac.doFinal());
    }

    /**
     * A thread's {@link Mac} with the key it was last initialised with: {@code doFinal} leaves a {@code Mac}
     * ready for another message under the same key, so consecutive signatures with the same secrets (a bot's
     * fixed token, a user's requests) skip the key set-up.
     */
    private static final class KeyedMac {

        private final Mac mac = newMac();
        private @Nullable String consumerSecret;
        private @Nullable String tokenSecret;

        Mac keyedWith(String consumerSecret, String tokenSecret) {
            if (!consumerSecret.equals(this.consumerSecret) || !tokenSecret.equals(this.tokenSecret)) {
                this.consumerSecret = null;
                String key = PercentEncoding.encode(consumerSecret) + '&' + PercentEncoding.encode(tokenSecret);
                try {
                    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
                } catch (InvalidKeyException e) {
                    throw new IllegalStateException("HMAC-SHA1 key rejected", e);
                }
                this.consumerSecret = consumerSecret;
                this.tokenSecret = tokenSecret;
            }
            return mac;
        }
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
