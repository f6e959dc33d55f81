package io.github.mwoauth.support;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The library's one source of randomness: a DRBG seeded once, when this class is initialised. Later random bytes
 * are computed in memory, so code on an event-loop thread never reads the operating system's entropy device
 * (which BlockHound reports as a blocking call). Thread-safe.
 */
public final class SeededRandom {

    private static final SecureRandom DRBG = seeded();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SeededRandom() {
    }

    /** The shared DRBG, for APIs that take a {@link SecureRandom}. */
    public static SecureRandom secureRandom() {
        return DRBG;
    }

    /** {@code bytes} random bytes as {@code 2 * bytes} lower-case hex characters. */
    public static String hex(int bytes) {
        byte[] random = new byte[bytes];
        DRBG.nextBytes(random);
        char[] out = new char[2 * bytes];
        for (int i = 0; i < bytes; i++) {
            out[2 * i] = HEX[(random[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[random[i] & 0xF];
        }
        return new String(out);
    }

    private static SecureRandom seeded() {
        SecureRandom random;
        try {
            random = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            random = new SecureRandom();
        }
        random.nextBytes(new byte[16]);
        return random;
    }
}
