package io.github.mwoauth.webflux.security;

import io.github.mwoauth.webflux.WebSessionCredentialsRepository;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The security context of a request: the user the login routes sealed in its session, as a
 * {@link MediaWikiAuthentication}, read through the library's bounded session access, so that a session store that
 * is down gives the library's 503 page rather than an error of its own. A request without a session cookie reads
 * and writes nothing.
 *
 * <p>Logins are stored by the login routes, not here: saving a context is a no-op, except saving none (Spring
 * Security's logout), which is the library's logout.
 */
public final class MediaWikiSecurityContextRepository implements ServerSecurityContextRepository {

    private final WebSessionCredentialsRepository users;
    private final MediaWikiAuthoritiesMapper authorities;

    /**
     * @param users where the session keeps the user
     * @param authorities what the user may do
     */
    public MediaWikiSecurityContextRepository(WebSessionCredentialsRepository users,
            MediaWikiAuthoritiesMapper authorities) {
        this.users = Objects.requireNonNull(users, "users cannot be null");
        this.authorities = Objects.requireNonNull(authorities, "authorities cannot be null");
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        return users.access().session(exchange)
                .flatMap(session -> Mono.justOrEmpty(users.user(session)))
                .flatMap(user -> Mono.justOrEmpty(user.identity()))
                .map(identity -> new SecurityContextImpl(
                        new MediaWikiAuthentication(identity, authorities.authorities(identity))));
    }

    /** No context: the library's logout (the user forgotten, the session id rotated). Any other: nothing to do. */
    @Override
    public Mono<Void> save(ServerWebExchange exchange, @Nullable SecurityContext context) {
        if (context != null) {
            return Mono.empty();
        }
        return users.access().session(exchange).flatMap(users::logout);
    }
}
