package io.github.mwoauth.webflux;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The answer to a request that needs a logged-in user, never stored by caches: a redirect to
 * {@code <login>?next=<where it was>} ({@link NextPath#loginUrl}), or a 401 for requests a redirect does not suit
 * (forms, API clients). {@link MediaWikiSessionWebFilter} and the Spring Security entry point both answer this way.
 */
public final class LoginRequiredResponse {

    private LoginRequiredResponse() {
    }

    /**
     * Writes the answer and completes the response.
     *
     * @param loginPath the full login path, e.g. {@code /login}
     * @param redirect whether to redirect (else 401)
     */
    public static Mono<Void> send(ServerWebExchange exchange, String loginPath, boolean redirect) {
        ServerHttpResponse response = exchange.getResponse();
        if (redirect) {
            response.setStatusCode(HttpStatus.FOUND);
            response.getHeaders().setLocation(NextPath.loginUrl(loginPath, exchange.getRequest().getURI()));
        } else {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
        }
        response.getHeaders().setCacheControl("no-store");
        return response.setComplete();
    }
}
