package io.github.mwoauth.oauth2;

import io.github.mwoauth.support.BoundedCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    private final BoundedCache<String, Done> recent;
    private final Clock clock;

    TokenRefreshes(int capacity, Clock clock) {
        this.recent = new BoundedCache<>(capacity);
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
            if (done != null && isRecent(done)) {
                return Mono.just(done.tokens());
            }
            return inFlight.computeIfAbsent(key, k -> refresher.apply(stale)
                    .doOnNext(fresh -> recent.put(k, new Done(fresh, clock.instant()), (old, d) -> !isRecent(d)))
                    .doFinally(signal -> inFlight.remove(k))
                    .cache());
        });
    }

    private boolean isRecent(Done done) {
        return done.at().plus(RECENT).isAfter(clock.instant());
    }
}
