package io.github.mwoauth.webflux.security;

import io.github.mwoauth.webflux.NextPath;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutSuccessHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * After Spring Security's logout, where the login routes' logout goes: {@code next} (from the query or the form)
 * when it is a safe same-site path ({@link NextPath}), else the default.
 */
final class NextPathLogoutSuccessHandler implements ServerLogoutSuccessHandler {

    private final String defaultNext;

    NextPathLogoutSuccessHandler(String defaultNext) {
        this.defaultNext = defaultNext;
    }

    @Override
    public Mono<Void> onLogoutSuccess(WebFilterExchange filterExchange, @Nullable Authentication authentication) {
        ServerWebExchange exchange = filterExchange.getExchange();
        String query = exchange.getRequest().getQueryParams().getFirst("next");
        Mono<String> next = query != null ? Mono.just(query)
                : exchange.getFormData().mapNotNull(form -> form.getFirst("next"));
        return next.defaultIfEmpty("").flatMap(value -> {
            ServerHttpResponse response = exchange.getResponse();
            response.setStatusCode(HttpStatus.FOUND);
            response.getHeaders().setLocation(URI.create(NextPath.orDefault(value, defaultNext)));
            response.getHeaders().setCacheControl("no-store");
            return response.setComplete();
        });
    }
}
