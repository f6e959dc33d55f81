package io.github.mwoauth.webflux.security;

import io.github.mwoauth.webflux.LoginRequiredResponse;
import io.github.mwoauth.webflux.NextPath;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.util.matcher.MediaTypeServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a request that needs a logged-in user goes: a browser's {@code GET} (one that names {@code text/html} in
 * its {@code Accept} header) to {@code <login>?next=<where it was>}, with the same {@code next} rules as the login
 * route ({@link NextPath}); anything else (API clients, forms) gets 401. Neither response is stored by caches.
 */
public final class MediaWikiAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private final String loginPath;
    private final ServerWebExchangeMatcher browsers;

    /** @param loginPath the full login path, e.g. {@code /login} */
    public MediaWikiAuthenticationEntryPoint(String loginPath) {
        this.loginPath = Objects.requireNonNull(loginPath, "loginPath cannot be null");
        MediaTypeServerWebExchangeMatcher html = new MediaTypeServerWebExchangeMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        this.browsers = html;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        HttpMethod method = exchange.getRequest().getMethod();
        boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        return (read ? browsers.matches(exchange).map(ServerWebExchangeMatcher.MatchResult::isMatch) : Mono.just(false))
                .flatMap(browser -> LoginRequiredResponse.send(exchange, loginPath, browser));
    }
}
