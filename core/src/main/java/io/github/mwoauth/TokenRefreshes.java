package io.github.mwoauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * OAuth 2.0 refreshes, one at a time per refresh token: concurrent requests of one session that find the same
 * expired tokens share one call to the token endpoint (the wiki rotates refresh tokens, so a second call with
 * the same one would fail). The entry of a refresh in flight is removed when it completes; its result is then
 * remembered for {@link #RECENT} (bounded in number), for requests that loaded the session before the new
 * tokens were stored. Never blocks.
 */
final class TokenRefreshes {

    /** How long a completed refresh answers for the tokens it replaced. */
    static final Duration RECENT = Duration.ofSeconds(60);

    private record Done(OAuth2Tokens tokens, Instant at) {
    }

    private final ConcurrentHashMap<String, Mono<OAuth2Tokens>> inFlight = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Done> recent = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    TokenRefreshes(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The tokens that replace {@code stale}: a recent result, the refresh in flight, or a new one. */
    Mono<OAuth2Tokens> refresh(OAuth2Tokens stale, Function<OAuth2Tokens, Mono<OAuth2Tokens>> refresher) {
        String key = stale.refreshToken();
        if (key == null) {
            return Mono.error(new IllegalArgumentException("these tokens have no refresh token"));
        }
        return Mono.defer(() -> {
            Done done = recent.get(key);
            if (done != null && done.at().plus(RECENT).isAfter(clock.instant())) {
                return Mono.just(done.tokens());
            }
            return inFlight.computeIfAbsent(key, k -> refresher.apply(stale)
                    .doOnNext(fresh -> remember(k, fresh))
                    .doFinally(signal -> inFlight.remove(k))
                    .cache());
        });
    }

    private void remember(String key, OAuth2Tokens fresh) {
        if (recent.size() >= capacity) {
            Instant oldest = clock.instant().minus(RECENT);
            recent.values().removeIf(d -> !d.at().isAfter(oldest));
            Iterator<String> keys = recent.keySet().iterator();
            while (recent.size() >= capacity && keys.hasNext()) {
                keys.next();
                keys.remove();
            }
        }
        recent.put(key, new Done(fresh, clock.instant()));
    }

    int inFlight() {
        return inFlight.size();
    }
}
