package io.github.mwoauth.webflux;

import java.util.UUID;
import org.springframework.session.SessionIdGenerator;

/**
 * Spring Session ids as random UUIDs, like {@code UuidSessionIdGenerator}, but drawn from a DRBG seeded once:
 * {@link UUID#randomUUID()} reads the OS entropy device, a blocking call that
 * {@link org.springframework.web.server.WebSession#changeSessionId()} at login would make on an event-loop
 * thread. The Spring Boot auto-configuration registers it when no other generator is defined.
 */
public final class DrbgSessionIdGenerator implements SessionIdGenerator {

    @Override
    public String generate() {
        byte[] bytes = new byte[16];
        io.github.mwoauth.support.SeededRandom.secureRandom().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[i] & 0xff);
            low = (low << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(high, low).toString();
    }
}
