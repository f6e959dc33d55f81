package io.github.mwoauth.webflux.it;

import io.github.mwoauth.Freshness;
import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.WebSessionCredentialsRepository;
import io.github.mwoauth.webflux.security.MediaWikiAuthentication;
import io.github.mwoauth.webflux.security.MediaWikiAuthoritiesMapper;
import io.github.mwoauth.webflux.security.MediaWikiSecurity;
import java.util.stream.Collectors;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Pages of an application behind Spring Security with the MediaWiki login, and its chain: {@code /me} for
 * logged-in users, {@code /admin} for the wiki's sysops, {@code /edit-form} handing out the CSRF token, the rest
 * public.
 */
final class SecuredPages {

    private SecuredPages() {
    }

    /** The application's chain: the customizer first, then its own rules. */
    static WebFilter chain(WebSessionCredentialsRepository users, MediaWikiOAuthOptions options) {
        return chain(new MediaWikiSecurity(users, options, MediaWikiAuthoritiesMapper.standard()));
    }

    static WebFilter chain(MediaWikiSecurity mediaWiki) {
        ServerHttpSecurity http = ServerHttpSecurity.http();
        mediaWiki.customize(http);
        return new WebFilterChainProxy(http.authorizeExchange(exchange -> exchange
                        .pathMatchers("/admin/**").hasAuthority("GROUP_sysop")
                        .pathMatchers("/me", "/edit-form").authenticated()
                        .anyExchange().permitAll())
                .build());
    }

    static RouterFunction<ServerResponse> routes(ReactiveMediaWikiClient client) {
        return RouterFunctions.route()
                .GET("/public", request -> ServerResponse.ok().bodyValue("public page"))
                .GET("/me", request -> request.principal()
                        .cast(MediaWikiAuthentication.class)
                        .zipWith(ReactiveSecurityContextHolder.getContext().mapNotNull(SecurityContext::getAuthentication))
                        .flatMap(both -> client.currentUser(Freshness.CACHED).map(identity -> "name="
                                + both.getT1().getName() + " principal=" + both.getT1().getPrincipal().displayName()
                                + " same=" + both.getT1().equals(both.getT2()) + " client=" + identity.displayName()
                                + " authorities=" + both.getT2().getAuthorities().stream()
                                        .map(GrantedAuthority::getAuthority).sorted().collect(Collectors.joining(","))))
                        .flatMap(text -> ServerResponse.ok().bodyValue(text)))
                .GET("/admin", request -> request.principal()
                        .flatMap(user -> ServerResponse.ok().bodyValue("admin page for " + user.getName())))
                .GET("/edit-form", request -> Mono.justOrEmpty(request.exchange()
                                .<Mono<CsrfToken>>getAttribute(CsrfToken.class.getName()))
                        .flatMap(token -> token)
                        .flatMap(token -> ServerResponse.ok().bodyValue(token.getHeaderName() + ":" + token.getToken())))
                .build();
    }
}
