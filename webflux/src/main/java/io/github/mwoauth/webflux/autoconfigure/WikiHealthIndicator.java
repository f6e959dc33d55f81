package io.github.mwoauth.webflux.autoconfigure;

import io.github.mwoauth.webflux.WikiReachability;
import io.github.mwoauth.webflux.WikiReachability.Check;
import java.net.URI;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * The wiki's reachability as a Spring Boot health contributor ({@code mediaWiki}): UP while the wiki answers (slow
 * answers within the timeout included), still UP with the failure in the details after fewer failed checks in a
 * row than the threshold, UNKNOWN before the first success, DOWN from the threshold on. See
 * {@link WikiReachability}. Not part of the readiness group unless the application adds it: a wiki outage should
 * not take every instance out of the load balancer.
 */
public class WikiHealthIndicator implements ReactiveHealthIndicator {

    private final WikiReachability reachability;
    private final URI apiPhp;

    /** Reports {@code reachability}'s checks of the wiki at {@code apiPhp} (named in the details). */
    public WikiHealthIndicator(WikiReachability reachability, URI apiPhp) {
        this.reachability = reachability;
        this.apiPhp = apiPhp;
    }

    @Override
    public Mono<Health> health() {
        return reachability.check().map(this::health);
    }

    private Health health(Check check) {
        Health.Builder health = switch (check.state()) {
            case UP, FAILING -> Health.up();
            case UNKNOWN -> Health.unknown();
            case DOWN -> Health.down();
        };
        health.withDetail("wiki", apiPhp.toString()).withDetail("checkedAt", check.checkedAt().toString())
                .withDetail("consecutiveFailures", check.consecutiveFailures());
        if (check.latency() != null) {
            health.withDetail("latencyMillis", check.latency().toMillis());
        }
        if (check.failure() != null) {
            health.withDetail("failure", check.failure());
        }
        if (check.lastSuccess() != null) {
            health.withDetail("lastSuccess", check.lastSuccess().toString());
        }
        if (check.siteName() != null) {
            health.withDetail("siteName", check.siteName());
        }
        return health.build();
    }
}
