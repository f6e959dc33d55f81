/**
 * A real {@code redis-server} for tests: {@link io.github.mwoauth.testkit.redis.RedisServerExtension}, a JUnit
 * Jupiter extension that starts Debian's (or the {@code PATH}'s) binary on a loopback port and can stop, kill,
 * restart or stall it; {@link io.github.mwoauth.testkit.redis.RedisSentinelTopology} (a master, a replica, three
 * Sentinels) and {@link io.github.mwoauth.testkit.redis.RedisClusterTopology} (three masters with a replica each)
 * built of it, to kill a master and watch the failover. Needs {@code org.junit.jupiter:junit-jupiter-api} on the
 * class path (the testkit declares it optional).
 */
@NullMarked
package io.github.mwoauth.testkit.redis;

import org.jspecify.annotations.NullMarked;
