package io.github.mwoauth.testkit.blockhound;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Two short locks on the way to Redis that BlockHound reports as a park when event loops send commands at the same
 * moment, neither of them held across I/O:
 * <ul>
 * <li>Lettuce's {@code SharedLock} guards each command write on a shared connection: a {@code ReentrantLock}
 * held only while the writer count changes (exclusively only while the connection is reset or closed);</li>
 * <li>Spring Data Redis's {@code LettuceConnectionFactory} takes its {@code ReentrantLock} on every access to the
 * shared reactive connection (twice: the factory's and its {@code SharedConnection}'s); held across connecting
 * only when that connection does not exist yet, which an application rules out by connecting at start-up (as the
 * demo's {@code RedisAtStartup} does).</li>
 * </ul>
 * Neither library ships a BlockHound integration; this is it, found through {@code META-INF/services} by
 * {@code BlockHound.install()} in any JVM with the testkit on its class path. Without it, the error BlockHound
 * throws inside Lettuce's lock leaves the lock's writer count wrong: later commands on that connection stall, and
 * closing the connection waits forever.
 */
public final class RedisBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "decrementWriters");
        builder.allowBlockingCallsInside("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
                "getOrCreateSharedReactiveConnection");
        builder.allowBlockingCallsInside(
                "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory$SharedConnection",
                "getConnection");
    }
}
