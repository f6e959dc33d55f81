package io.github.mwoauth.webflux;

import io.github.mwoauth.login.LoginRedirect;
import io.github.mwoauth.login.PendingLogin;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * Where logins wait for the wiki's callback, by the key the callback names them with (the request token or
 * {@code state}), for either protocol. Shaped like Spring Security's {@code ServerAuthorizationRequestRepository}:
 * the routes save one at login, load it at the callback and remove it (single use) whatever follows.
 * Implementations decide how long a pending login stays usable and how many a session may hold.
 */
public interface PendingLoginRepository {

    /** The usable pending login of {@code key}; empty when unknown, expired or already used. Changes nothing. */
    Mono<PendingLogin> load(WebSession session, String key);

    /**
     * Remembers the login {@code redirect} started, which returns the user to {@code next}, stamped with the
     * repository's clock; drops expired ones and those beyond the per-session limit, oldest first.
     */
    Mono<Void> save(WebSession session, LoginRedirect redirect, String next);

    /** Removes the pending login of {@code key} (single use), and any expired ones. */
    Mono<Void> remove(WebSession session, String key);
}
