package io.github.mwoauth.webflux.security;

import io.github.mwoauth.support.SeededRandom;
import io.github.mwoauth.webflux.SessionAccess;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.WebSessionServerCsrfTokenRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's CSRF tokens in the session ({@link WebSessionServerCsrfTokenRepository}), reached within the
 * library's session-store timeout: a session store that is down gives the 503 page, like every other session
 * access of the library. A token is stored only when a page asks for one. Tokens are drawn from the library's DRBG.
 */
final class SessionStoreCsrfTokenRepository implements ServerCsrfTokenRepository {

    /** Spring Security's names, which its JavaScript and template integrations expect. */
    static final String HEADER_NAME = "X-CSRF-TOKEN";
    static final String PARAMETER_NAME = "_csrf";
    private static final int TOKEN_BYTES = 16;

    private final ServerCsrfTokenRepository tokens = new WebSessionServerCsrfTokenRepository();
    private final SessionAccess access;

    SessionStoreCsrfTokenRepository(SessionAccess access) {
        this.access = Objects.requireNonNull(access, "access cannot be null");
    }

    /** Like Spring Security's, with the library's DRBG, which does not read the OS entropy device on event loops. */
    @Override
    public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> new DefaultCsrfToken(HEADER_NAME, PARAMETER_NAME, SeededRandom.hex(TOKEN_BYTES)));
    }

    @Override
    public Mono<Void> saveToken(ServerWebExchange exchange, @Nullable CsrfToken token) {
        return access.bounded(tokens.saveToken(exchange, token));
    }

    @Override
    public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
        return access.bounded(tokens.loadToken(exchange));
    }
}
