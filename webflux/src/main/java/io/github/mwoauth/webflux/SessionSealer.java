package io.github.mwoauth.webflux;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.util.Base64URL;
import io.github.mwoauth.support.BoundedCache;
import io.github.mwoauth.support.SeededRandom;
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
 * every instance of the application shares. Each value is bound to a purpose (the attribute it belongs to,
 * authenticated in the JWE header), so a sealed value cannot be moved to another attribute. Anything that fails to open (tampered, sealed with
 * another key, moved, truncated) opens as empty.
 */
public final class SessionSealer {

    /** The key length in bytes (256 bits). */
    public static final int KEY_BYTES = 32;

    /** Headers by purpose; the library uses two purposes, applications may add a few. */
    private static final int MAX_PURPOSES = 64;
    /** This sealer's headers, a purpose and compression each. */
    private final BoundedCache<HeaderKey, JWEHeader> headers = new BoundedCache<>(MAX_PURPOSES);

    private record HeaderKey(String purpose, boolean compressed) {
    }

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
            // GCM nonces from a DRBG seeded once: sealing on an event loop never reads the entropy device
            this.encrypter.getJCAContext().setSecureRandom(SeededRandom.secureRandom());
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

    /**
     * Seals {@code plaintext} for {@code purpose}: {@code <iv>.<ciphertext>.<tag>}, base64url. The JWE header
     * ({@code dir}, {@code A256GCM} and the purpose) is authenticated as usual but not stored, since it is the
     * same for every value of a purpose: this keeps session attributes small.
     */
    public String seal(String purpose, String plaintext) {
        return seal(header(purpose, false), plaintext, "");
    }

    /**
     * Like {@link #seal(String, String)}, but the plaintext is DEFLATE-compressed first (JWE {@code "zip":"DEF"}),
     * stored as {@code z.<iv>.<ciphertext>.<tag>}: for long values of little attacker-chosen content (tokens),
     * never for values mixing a secret with text an attacker picks. {@link #open(String, String)} opens both.
     */
    public String sealCompressed(String purpose, String plaintext) {
        return seal(header(purpose, true), plaintext, COMPRESSED);
    }

    private static final String COMPRESSED = "z.";

    private String seal(JWEHeader header, String plaintext, String prefix) {
        Objects.requireNonNull(plaintext, "plaintext cannot be null");
        JWEObject jwe = new JWEObject(header, new Payload(plaintext));
        try {
            jwe.encrypt(encrypter);
        } catch (JOSEException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        return prefix + jwe.getIV() + "." + jwe.getCipherText() + "." + jwe.getAuthTag();
    }

    /** The plaintext sealed for {@code purpose}; empty when {@code sealed} does not open with this key and purpose. */
    public Optional<String> open(String purpose, String sealed) {
        boolean compressed = sealed.startsWith(COMPRESSED);
        JWEHeader header = header(purpose, compressed);
        String[] parts = (compressed ? sealed.substring(COMPRESSED.length()) : sealed).split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JWEObject jwe = new JWEObject(header.toBase64URL(), null, new Base64URL(parts[0]), new Base64URL(parts[1]),
                    new Base64URL(parts[2]));
            jwe.decrypt(decrypter);
            return Optional.of(jwe.getPayload().toString());
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The header, from fixed JSON so that its bytes (the GCM additional data) never vary; parsed once a purpose
     * and compression.
     */
    private JWEHeader header(String purpose, boolean compressed) {
        Objects.requireNonNull(purpose, "purpose cannot be null");
        HeaderKey key = new HeaderKey(purpose, compressed);
        JWEHeader header = headers.get(key);
        if (header == null) {
            header = parseHeader(purpose, compressed);
            headers.put(key, header);
        }
        return header;
    }

    private static JWEHeader parseHeader(String purpose, boolean compressed) {
        if (!purpose.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("purpose must be 1 to 64 characters of [A-Za-z0-9._-]");
        }
        try {
            return JWEHeader.parse(Base64URL.encode("{\"alg\":\"dir\",\"enc\":\"A256GCM\","
                    + (compressed ? "\"zip\":\"DEF\"," : "") + "\"p\":\"" + purpose + "\"}"));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "SessionSealer[dir+A256GCM, key=<hidden>]";
    }
}
