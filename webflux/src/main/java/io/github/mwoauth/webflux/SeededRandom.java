package io.github.mwoauth.webflux;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * One DRBG, seeded once when this class is initialised: later random bytes are computed in memory, so code on
 * an event-loop thread never reads the OS entropy device (which BlockHound reports as a blocking call).
 */
final class SeededRandom {

    static final SecureRandom INSTANCE = seeded();

    private SeededRandom() {
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
