package io.github.mwoauth.webflux;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals session attributes so that the session store (Redis) holds nothing readable or forgeable: a compact
 * JWE with {@code dir} key management and {@code A256GCM} content encryption, keyed with one 256-bit key that
 * every instance of the application shares. Each value is bound to a purpose (the attribute it belongs to),
 * so a sealed value cannot be moved to another attribute. Anything that fails to open (tampered, sealed with
 * another key, moved, truncated) opens as empty.
 */
public final class SessionSealer {

    /** The key length in bytes (256 bits). */
    public static final int KEY_BYTES = 32;

    private static final JWEHeader HEADER = new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM);

    private final DirectEncrypter encrypter;
    private final DirectDecrypter decrypter;

    private SessionSealer(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the session key must be " + KEY_BYTES + " bytes (256 bits), not "
                    + key.length);
        }
        SecretKey secretKey = new SecretKeySpec(key.clone(), "AES");
        try {
            this.encrypter = new DirectEncrypter(secretKey);
            this.decrypter = new DirectDecrypter(secretKey);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable session key: " + e.getMessage(), e);
        }
    }

    /** A sealer keyed with these 32 bytes. */
    public static SessionSealer of(byte[] key) {
        return new SessionSealer(Objects.requireNonNull(key, "key cannot be null"));
    }

    /** A sealer keyed with a base64 (standard or URL-safe) encoded 256-bit key. */
    public static SessionSealer fromBase64(String key) {
        Objects.requireNonNull(key, "key cannot be null");
        String trimmed = key.strip();
        byte[] bytes;
        try {
            bytes = trimmed.contains("-") || trimmed.contains("_")
                    ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the session key is not valid base64", e);
        }
        return new SessionSealer(bytes);
    }

    /**
     * A sealer with a key made up now. Values it seals cannot be opened after a restart nor by another
     * instance: for tests and single-instance development only.
     */
    public static SessionSealer ephemeral() {
        return new SessionSealer(newKey());
    }

    /** 32 random bytes from {@link SecureRandom}, e.g. to print a key for the configuration. */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** Seals {@code plaintext} for {@code purpose}. */
    public String seal(String purpose, String plaintext) {
        Objects.requireNonNull(purpose, "purpose cannot be null");
        Objects.requireNonNull(plaintext, "plaintext cannot be null");
        JWEObject jwe = new JWEObject(HEADER, new Payload(purpose + '\n' + plaintext));
        try {
            jwe.encrypt(encrypter);
        } catch (JOSEException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        return jwe.serialize();
    }

    /** The plaintext sealed for {@code purpose}; empty when {@code sealed} does not open with this key and purpose. */
    public Optional<String> open(String purpose, String sealed) {
        Objects.requireNonNull(purpose, "purpose cannot be null");
        try {
            JWEObject jwe = JWEObject.parse(sealed);
            if (!JWEAlgorithm.DIR.equals(jwe.getHeader().getAlgorithm())
                    || !EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())) {
                return Optional.empty();
            }
            jwe.decrypt(decrypter);
            String text = jwe.getPayload().toString();
            String prefix = purpose + '\n';
            return text.startsWith(prefix) ? Optional.of(text.substring(prefix.length())) : Optional.empty();
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "SessionSealer[dir+A256GCM, key=<hidden>]";
    }
}
