package io.github.mwoauth.webflux;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import reactor.core.publisher.Mono;

/**
 * A {@link ReactiveSessionRepository} that writes a session's last access time (and so renews its expiry) at most
 * once per touch interval, and otherwise saves a session only when it changed. Spring Session's reactive Redis
 * repository saves every session the application reads: each request that only reads a logged-in session costs
 * four Redis commands ({@code HGETALL} to load it, then {@code EXISTS}, {@code HSET} of
 * {@code lastAccessedTime} and {@code EXPIRE}). Behind this repository such a request costs the one
 * {@code HGETALL}, and the three writes come once per interval.
 *
 * <p>What is still saved at once, exactly as the wrapped repository would: a new session, any attribute set or
 * removed, a changed maximum inactive interval, a changed session id (login rotates it). A save of a changed
 * session also writes the current access time and renews the expiry.
 *
 * <p>The idle timeout: a session read by a request whose stored access time is younger than the interval is not
 * written, so the stored time (and the Redis key's expiry, set at the same write) may lag the user's last
 * request by up to the interval. A session therefore expires between {@code maxInactiveInterval - interval}
 * and {@code maxInactiveInterval} after the last request; with the defaults (30 min, 60 s) after 29 to 30
 * idle minutes. The interval used is never more than half the session's maximum inactive interval, so an
 * active session never expires.
 *
 * <p>Only for repositories that save what changed (Spring Session's default {@code SaveMode.ON_SET_ATTRIBUTE});
 * with {@code SaveMode.ALWAYS} or {@code ON_GET_ATTRIBUTE} attributes read but not set are not written back
 * between touches.
 *
 * @param <S> the wrapped repository's session type
 */
public final class TouchThrottlingSessionRepository<S extends Session>
        implements ReactiveSessionRepository<TouchThrottlingSessionRepository<S>.ThrottledSession> {

    /** The interval the Spring Boot auto-configuration uses when none is set. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    private final ReactiveSessionRepository<S> delegate;
    private final Duration interval;

    /**
     * @param delegate the repository that stores the sessions (e.g. Spring Session's {@code ReactiveRedisSessionRepository})
     * @param interval how old the stored access time may get before a request that changes nothing writes it;
     *     {@link Duration#ZERO} writes it on every request, as the delegate alone does
     */
    public TouchThrottlingSessionRepository(ReactiveSessionRepository<S> delegate, Duration interval) {
        Objects.requireNonNull(delegate, "delegate cannot be null");
        Objects.requireNonNull(interval, "interval cannot be null");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative, not " + interval);
        }
        this.delegate = delegate;
        this.interval = interval;
    }

    /** The touch interval. */
    public Duration interval() {
        return interval;
    }

    @Override
    public Mono<ThrottledSession> createSession() {
        return delegate.createSession().map(session -> new ThrottledSession(session, true));
    }

    @Override
    public Mono<Void> save(ThrottledSession session) {
        return session.save();
    }

    @Override
    public Mono<ThrottledSession> findById(String id) {
        return delegate.findById(id).map(session -> new ThrottledSession(session, false));
    }

    @Override
    public Mono<Void> deleteById(String id) {
        return delegate.deleteById(id);
    }

    /** A session of the wrapped repository that remembers whether saving it would write anything worth writing. */
    public final class ThrottledSession implements Session {

        private final S session;
        private final Instant storedAccessTime;
        private @Nullable Instant accessTime;
        private boolean changed;

        ThrottledSession(S session, boolean isNew) {
            this.session = session;
            this.storedAccessTime = session.getLastAccessedTime();
            this.changed = isNew;
        }

        private Mono<Void> save() {
            Instant pending = accessTime;
            if (!changed) {
                return Mono.empty();
            }
            if (pending != null) {
                session.setLastAccessedTime(pending);
                accessTime = null;
            }
            return delegate.save(session).doOnSuccess(done -> changed = false);
        }

        /** The interval for this session: the configured one, at most half its maximum inactive interval. */
        private Duration effectiveInterval() {
            Duration maxInactive = session.getMaxInactiveInterval();
            if (maxInactive.isNegative()) {
                return interval;
            }
            Duration half = maxInactive.dividedBy(2);
            return half.compareTo(interval) < 0 ? half : interval;
        }

        @Override
        public String getId() {
            return session.getId();
        }

        @Override
        public String changeSessionId() {
            changed = true;
            return session.changeSessionId();
        }

        @Override
        public <T> @Nullable T getAttribute(String attributeName) {
            return session.getAttribute(attributeName);
        }

        @Override
        public Set<String> getAttributeNames() {
            return session.getAttributeNames();
        }

        @Override
        public void setAttribute(String attributeName, @Nullable Object attributeValue) {
            if (attributeValue == null) {
                removeAttribute(attributeName);
                return;
            }
            changed = true;
            session.setAttribute(attributeName, attributeValue);
        }

        @Override
        public void removeAttribute(String attributeName) {
            if (session.getAttribute(attributeName) != null) {
                changed = true;
            }
            session.removeAttribute(attributeName);
        }

        @Override
        public Instant getCreationTime() {
            return session.getCreationTime();
        }

        /**
         * Records the access; it is written when the stored access time is at least the interval old, or with the
         * next save of a change.
         */
        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            if (changed || !lastAccessedTime.isBefore(storedAccessTime.plus(effectiveInterval()))) {
                changed = true;
                accessTime = null;
                session.setLastAccessedTime(lastAccessedTime);
            } else {
                accessTime = lastAccessedTime;
            }
        }

        @Override
        public Instant getLastAccessedTime() {
            Instant pending = accessTime;
            return pending != null ? pending : session.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            changed = true;
            session.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return session.getMaxInactiveInterval();
        }

        /** Expired as the store sees it: by the access time last written. */
        @Override
        public boolean isExpired() {
            return session.isExpired();
        }
    }
}
