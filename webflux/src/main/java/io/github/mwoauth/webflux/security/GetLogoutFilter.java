package io.github.mwoauth.webflux.security;

import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards the login routes' {@code GET /logout}, which logs out without a CSRF token: {@link
 * MediaWikiSecurity.GetLogout#SAME_ORIGIN} refuses (403) a request the browser marks as coming from another site
 * ({@code Sec-Fetch-Site} other than {@code same-origin} or {@code none}), {@link
 * MediaWikiSecurity.GetLogout#REFUSED} answers every {@code GET} with 405 ({@code Allow: POST}).
 */
final class GetLogoutFilter implements WebFilter {

    private static final Set<String> SAME_SITE = Set.of("same-origin", "none");

    private final String logoutPath;
    private final MediaWikiSecurity.GetLogout policy;

    GetLogoutFilter(String logoutPath, MediaWikiSecurity.GetLogout policy) {
        this.logoutPath = logoutPath;
        this.policy = policy;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        boolean get = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        if (!get || !exchange.getRequest().getPath().pathWithinApplication().value().equals(logoutPath)) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        if (policy == MediaWikiSecurity.GetLogout.REFUSED) {
            response.setStatusCode(HttpStatus.METHOD_NOT_ALLOWED);
            response.getHeaders().setAllow(Set.of(HttpMethod.POST));
            return response.setComplete();
        }
        String site = exchange.getRequest().getHeaders().getFirst("Sec-Fetch-Site");
        if (policy == MediaWikiSecurity.GetLogout.SAME_ORIGIN && site != null && !SAME_SITE.contains(site)) {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return response.setComplete();
        }
        return chain.filter(exchange);
    }
}
