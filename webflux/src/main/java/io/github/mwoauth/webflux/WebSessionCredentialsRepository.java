package io.github.mwoauth.webflux;

import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.login.AuthorizedUser;
import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.login.UserCredentials;
import io.github.mwoauth.support.BoundedCache;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.WebSessionStore;
import reactor.core.publisher.Mono;

/**
 * Keeps the logged-in user of a {@link WebSession} (any store: Spring Session's Redis, the in-memory default) in
 * one small sealed attribute, {@value #USER_ATTRIBUTE}: the credentials as the {@link MediaWikiLogin} writes them
 * and who the user is (without the rights list), together to keep a logged-in session under 1 KB in Redis. A
 * value that does not open (tampered, sealed with another key, written by another login type) counts as absent:
 * the user is simply not logged in.
 *
 * <p>Several application instances may serve one session at the same time. Replaced credentials are therefore
 * saved to the session store at once, not only when the response is sent, and with the
 * {@linkplain #setSessionStore(WebSessionStore) session store} set, {@link #reload(WebSession)} and
 * {@link #clearCredentials(WebSession, UserCredentials)} read the session from the store again, so that an
 * instance whose refresh the wiki refused (another instance used the refresh token first) takes the other's
 * credentials rather than logging the user out.
 */
public final class WebSessionCredentialsRepository {

    public static final String USER_ATTRIBUTE = "mwoauth.user";

    /** Opened values: at most this many logged-in users' sessions skip opening their attribute again. */
    private static final int OPENED_USERS = 2048;

    /** Longer user text is compressed before sealing (long OAuth 2.0 tokens shrink by about a third). */
    private static final int COMPRESS_ABOVE = 256;

    private static final Logger log = LoggerFactory.getLogger(WebSessionCredentialsRepository.class);

    private final SessionSealer sealer;
    private final MediaWikiLogin login;
    private final SessionAccess access;
    private final BoundedCache<String, AuthorizedUser> opened = new BoundedCache<>(OPENED_USERS);
    private volatile @Nullable WebSessionStore sessionStore;

    /**
     * @param sealer seals the attribute (the same key on every instance)
     * @param login writes and reads the credentials it issues
     * @param access how the session store is reached, and how long it may take
     */
    public WebSessionCredentialsRepository(SessionSealer sealer, MediaWikiLogin login, SessionAccess access) {
        this.sealer = Objects.requireNonNull(sealer, "sealer cannot be null");
        this.login = Objects.requireNonNull(login, "login cannot be null");
        this.access = Objects.requireNonNull(access, "access cannot be null");
    }

    /**
     * The store the application's sessions live in (the {@code WebSessionStore} of its
     * {@code DefaultWebSessionManager}: Spring Session's Redis store when instances share sessions), read again by
     * {@link #reload(WebSession)} and {@link #clearCredentials(WebSession, UserCredentials)}. Unset (the
     * default): those look at the request's session only, which suits a single instance. The Spring Boot
     * auto-configuration sets it.
     */
    public void setSessionStore(WebSessionStore sessionStore) {
        this.sessionStore = Objects.requireNonNull(sessionStore, "sessionStore cannot be null");
    }

    /** How the session store is reached. */
    public SessionAccess access() {
        return access;
    }

    /** The session's user, now; empty when nobody is logged in or the attribute does not open. */
    public Optional<AuthorizedUser> user(WebSession session) {
        if (!(session.getAttributes().get(USER_ATTRIBUTE) instanceof String sealed)) {
            return Optional.empty();
        }
        AuthorizedUser cached = opened.get(sealed);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<AuthorizedUser> user = sealer.open(USER_ATTRIBUTE, sealed).flatMap(text -> SessionCodec.user(text, login));
        user.ifPresent(u -> opened.put(sealed, u));
        return user;
    }

    /** Whether the session holds a user (sealed; not checked here whether it opens). */
    public boolean hasUser(WebSession session) {
        return session.getAttributes().containsKey(USER_ATTRIBUTE);
    }

    /** Stores a user: a completed login (the caller rotates the session id first), or new credentials. */
    public void save(WebSession session, AuthorizedUser user) {
        Objects.requireNonNull(user, "user cannot be null");
        String text = SessionCodec.user(login.writeCredentials(user.credentials()), user.identity());
        session.getAttributes().put(USER_ATTRIBUTE, text.length() > COMPRESS_ABOVE
                ? sealer.sealCompressed(USER_ATTRIBUTE, text) : sealer.seal(USER_ATTRIBUTE, text));
    }

    /** Replaces the stored identity, if a user is logged in. */
    public void saveIdentity(WebSession session, MediaWikiIdentity identity) {
        Objects.requireNonNull(identity, "identity cannot be null");
        user(session).ifPresent(user -> save(session, new AuthorizedUser(user.credentials(), identity)));
    }

    /**
     * Stores refreshed credentials, identity kept, if the session still holds {@code expected}, and saves the
     * session now rather than when the response is sent: the refresh token just used is gone at the wiki, and
     * another instance serving the same session must find the new credentials as soon as possible. A failed save
     * is logged; the save when the response is sent tries again.
     */
    public Mono<Void> replaceCredentials(WebSession session, UserCredentials expected, UserCredentials fresh) {
        Objects.requireNonNull(fresh, "fresh cannot be null");
        Optional<AuthorizedUser> current = user(session).filter(user -> user.credentials().equals(expected));
        current.ifPresent(user -> save(session, user.withCredentials(fresh)));
        return current.isPresent() ? saveNow(session) : Mono.empty();
    }

    /**
     * The session's user as the session store holds it now (see {@link #setSessionStore(WebSessionStore)}): the
     * session is read again from the store, and the request's session is left as it is. Without a session store,
     * or when the store no longer has the session, the request's session answers.
     */
    public Mono<AuthorizedUser> reload(WebSession session) {
        WebSessionStore sessions = sessionStore;
        if (sessions == null) {
            return Mono.fromSupplier(() -> user(session).orElse(null));
        }
        return access.bounded(sessions.retrieveSession(session.getId()))
                .map(this::user)
                .switchIfEmpty(Mono.fromSupplier(() -> user(session)))
                .flatMap(Mono::justOrEmpty);
    }

    /**
     * Forgets the user if the session still holds {@code refused}: in the request's session, and, with a
     * {@linkplain #setSessionStore(WebSessionStore) session store}, as the store holds it now (read again just
     * before). Credentials another instance stored meanwhile are left alone, and the request's session then stays
     * as it is, so that saving it does not undo theirs. Saved at once when cleared.
     *
     * <p>Spring Session has no conditional write: an instance that stores new credentials between this read and
     * the save still loses them. The window is one round trip to the store.
     */
    public Mono<Void> clearCredentials(WebSession session, UserCredentials refused) {
        Objects.requireNonNull(refused, "refused cannot be null");
        if (!user(session).map(user -> user.credentials().equals(refused)).orElse(false)) {
            return Mono.empty();
        }
        return reload(session)
                .map(stored -> stored.credentials().equals(refused))
                .defaultIfEmpty(true)
                .flatMap(stillRefused -> {
                    if (!stillRefused) {
                        return Mono.empty();
                    }
                    clear(session);
                    return saveNow(session);
                });
    }

    /**
     * The library's logout: forgets the session's user and, if one was logged in, rotates the session id and
     * saves the session now (bounded in time). The login routes' {@code /logout} and Spring Security's logout
     * both end here.
     */
    public Mono<Void> logout(WebSession session) {
        return Mono.defer(() -> {
            boolean loggedIn = hasUser(session);
            clear(session);
            return loggedIn ? access.bounded(session.changeSessionId()).then(access.save(session)) : Mono.empty();
        });
    }

    /** Forgets the user (pending logins stay). */
    public void clear(WebSession session) {
        session.getAttributes().remove(USER_ATTRIBUTE);
    }

    private Mono<Void> saveNow(WebSession session) {
        return access.save(session).onErrorResume(e -> {
            log.warn("Saving the session at once failed; it is saved again when the response is sent: {}",
                    e.toString());
            return Mono.empty();
        });
    }

    @Override
    public String toString() {
        return "WebSessionCredentialsRepository[" + login + "]";
    }
}
