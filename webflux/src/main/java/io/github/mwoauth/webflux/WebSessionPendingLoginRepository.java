package io.github.mwoauth.webflux;

import io.github.mwoauth.login.LoginRedirect;
import io.github.mwoauth.login.PendingLogin;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * Pending logins in one sealed session attribute, {@value #ATTRIBUTE}: a short list of the request tokens or
 * {@code state}s with their secrets (the request token secret, the PKCE verifier), where to go afterwards and when
 * each began, looked up by key in constant time. Unreadable to anything reading the session store.
 */
public final class WebSessionPendingLoginRepository implements PendingLoginRepository {

    public static final String ATTRIBUTE = "mwoauth.pending";

    /** How many logins may wait per session, unless configured otherwise. */
    public static final int DEFAULT_MAX_PENDING_LOGINS = 5;

    /** How long a pending login stays usable, unless configured otherwise: as long as the wiki keeps request tokens. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(600);

    private final SessionSealer sealer;
    private int maxPendingLogins = DEFAULT_MAX_PENDING_LOGINS;
    private Duration lifetime = DEFAULT_LIFETIME;
    private Clock clock = Clock.systemUTC();

    public WebSessionPendingLoginRepository(SessionSealer sealer) {
        this.sealer = Objects.requireNonNull(sealer, "sealer cannot be null");
    }

    /** How many logins may wait for their callback per session; beyond that the oldest is dropped (default 5). */
    public void setMaxPendingLogins(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxPendingLogins must be at least 1");
        }
        this.maxPendingLogins = max;
    }

    /** How long a pending login stays usable (default 600 s, as long as the wiki keeps request tokens). */
    public void setLifetime(Duration lifetime) {
        Objects.requireNonNull(lifetime, "lifetime cannot be null");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive");
        }
        this.lifetime = lifetime;
    }

    /** The time source of the lifetime. */
    public void setClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
    }

    @Override
    public Mono<PendingLogin> load(WebSession session, String key) {
        return Mono.fromSupplier(() -> live(session).stream().filter(p -> matches(p, key)).findFirst().orElse(null));
    }

    @Override
    public Mono<Void> save(WebSession session, LoginRedirect redirect, String next) {
        Objects.requireNonNull(redirect, "redirect cannot be null");
        Objects.requireNonNull(next, "next cannot be null");
        return Mono.fromRunnable(() -> {
            List<PendingLogin> entries = new ArrayList<>(live(session));
            entries.add(redirect.pending(next, clock.instant()));
            entries.sort(Comparator.comparing(PendingLogin::createdAt));
            while (entries.size() > maxPendingLogins) {
                entries.remove(0);
            }
            write(session, entries);
        });
    }

    @Override
    public Mono<Void> remove(WebSession session, String key) {
        return Mono.fromRunnable(() -> {
            List<PendingLogin> entries = new ArrayList<>(live(session));
            entries.removeIf(p -> matches(p, key));
            write(session, entries);
        });
    }

    private static boolean matches(PendingLogin pending, String key) {
        return MessageDigest.isEqual(pending.key().getBytes(StandardCharsets.UTF_8),
                key.getBytes(StandardCharsets.UTF_8));
    }

    private List<PendingLogin> live(WebSession session) {
        if (!(session.getAttributes().get(ATTRIBUTE) instanceof String sealed)) {
            return List.of();
        }
        return sealer.open(ATTRIBUTE, sealed).map(SessionCodec::pending).orElseGet(List::of).stream()
                .filter(p -> p.isUsable(clock.instant(), lifetime))
                .toList();
    }

    private void write(WebSession session, List<PendingLogin> entries) {
        if (entries.isEmpty()) {
            session.getAttributes().remove(ATTRIBUTE);
        } else {
            session.getAttributes().put(ATTRIBUTE, sealer.seal(ATTRIBUTE, SessionCodec.pending(entries)));
        }
    }

    @Override
    public String toString() {
        return "WebSessionPendingLoginRepository[max=" + maxPendingLogins + ", lifetime=" + lifetime + "]";
    }
}
