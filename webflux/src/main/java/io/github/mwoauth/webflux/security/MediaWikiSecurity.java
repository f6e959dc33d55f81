package io.github.mwoauth.webflux.security;

import io.github.mwoauth.support.SeededRandom;
import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.WebSessionCredentialsRepository;
import java.util.Objects;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The MediaWiki login in a Spring Security chain. Apply it first, then add the application's rules:
 *
 * <pre>{@code
 * @Bean
 * SecurityWebFilterChain security(ServerHttpSecurity http, MediaWikiSecurity mediaWiki) {
 *     mediaWiki.customize(http);
 *     return http.authorizeExchange(exchange -> exchange.pathMatchers("/admin/**").hasAuthority("GROUP_sysop")
 *                     .anyExchange().permitAll())
 *             .build();
 * }
 * }</pre>
 *
 * <p>It makes the session's wiki user the request's {@link MediaWikiAuthentication} (through a
 * {@link MediaWikiSecurityContextRepository}); permits the login, callback and logout paths; turns off Spring
 * Security's own login page, Basic authentication and request cache (so that anonymous requests write no session);
 * sends browsers that need a login to {@code <login>?next=<where they were>} and other clients a 401
 * ({@link MediaWikiAuthenticationEntryPoint}); keeps CSRF tokens in the session within the library's
 * session-store timeout; and makes Spring Security's {@code POST <logout>} (with its CSRF token) the library's
 * logout, redirecting to {@code next} like the logout route. {@link #setGetLogout(GetLogout)} decides what becomes of
 * the route's {@code GET <logout>}.
 */
public final class MediaWikiSecurity implements Customizer<ServerHttpSecurity> {

    /** What the login routes' {@code GET <logout>} (which needs no CSRF token) may still do. */
    public enum GetLogout {
        /** Logs out, as without Spring Security. */
        ALLOWED,
        /** Logs out unless the browser says the request comes from another site ({@code Sec-Fetch-Site}): 403. */
        SAME_ORIGIN,
        /** Never: 405, logout is {@code POST} only. */
        REFUSED
    }

    private final WebSessionCredentialsRepository users;
    private final MediaWikiOAuthOptions options;
    private final MediaWikiSecurityContextRepository contexts;
    private GetLogout getLogout = GetLogout.SAME_ORIGIN;

    /**
     * @param users where the session keeps the user (the login routes' repository)
     * @param options the login routes' paths
     * @param authorities what a wiki user may do
     */
    public MediaWikiSecurity(WebSessionCredentialsRepository users, MediaWikiOAuthOptions options,
            MediaWikiAuthoritiesMapper authorities) {
        this.users = Objects.requireNonNull(users, "users cannot be null");
        this.options = Objects.requireNonNull(options, "options cannot be null");
        this.contexts = new MediaWikiSecurityContextRepository(users, authorities);
    }

    /** What {@code GET <logout>} does; {@link GetLogout#SAME_ORIGIN} unless set. */
    public void setGetLogout(GetLogout getLogout) {
        this.getLogout = Objects.requireNonNull(getLogout, "getLogout cannot be null");
    }

    /** The repository the chain loads the user with. */
    public MediaWikiSecurityContextRepository securityContextRepository() {
        return contexts;
    }

    @Override
    public void customize(ServerHttpSecurity http) {
        String logout = options.fullLogoutPath();
        SecurityContextServerLogoutHandler logoutHandler = new SecurityContextServerLogoutHandler();
        logoutHandler.setSecurityContextRepository(contexts);
        http.securityContextRepository(contexts)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(
                        new MediaWikiAuthenticationEntryPoint(options.fullLoginPath())))
                .csrf(csrf -> csrf.csrfTokenRepository(new SessionStoreCsrfTokenRepository(users.access()))
                        .csrfTokenRequestHandler(csrfTokenRequestHandler()))
                .logout(spec -> spec.requiresLogout(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, logout))
                        .logoutHandler(logoutHandler)
                        .logoutSuccessHandler(new NextPathLogoutSuccessHandler(options.defaultNext())))
                .authorizeExchange(exchange -> exchange
                        .pathMatchers(options.fullLoginPath(), options.fullCallbackPath(), logout).permitAll());
        if (getLogout != GetLogout.ALLOWED) {
            http.addFilterBefore(new GetLogoutFilter(logout, getLogout), SecurityWebFiltersOrder.LOGOUT);
        }
    }

    /** Spring Security's default (the token masked anew for each response), with the library's DRBG. */
    private static XorServerCsrfTokenRequestAttributeHandler csrfTokenRequestHandler() {
        XorServerCsrfTokenRequestAttributeHandler handler = new XorServerCsrfTokenRequestAttributeHandler();
        handler.setSecureRandom(SeededRandom.secureRandom());
        return handler;
    }

    @Override
    public String toString() {
        return "MediaWikiSecurity[login=" + options.fullLoginPath() + ", getLogout=" + getLogout + "]";
    }
}
