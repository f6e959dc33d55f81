package io.github.mwoauth.webflux.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.oauth1.OAuth1Login;
import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.MediaWikiOAuthRoutes;
import io.github.mwoauth.webflux.MediaWikiSessionWebFilter;
import io.github.mwoauth.webflux.SessionAccess;
import io.github.mwoauth.webflux.SessionSealer;
import io.github.mwoauth.webflux.WebSessionCredentialsRepository;
import io.github.mwoauth.webflux.WebSessionPendingLoginRepository;
import io.github.mwoauth.login.MediaWikiLogin;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The customizer's logout rules, with WebFlux's in-memory sessions (the Redis flows: SpringSecurityRedisITests). */
class MediaWikiSecurityTests {

    private static final MediaWikiLogin LOGIN = OAuth1Login.builder().wiki("http://127.0.0.1:9/w")
            .consumer("key", "secret").userAgent("mwoauth-webflux-tests/1.0 (tests@example.org)").build();

    private static WebTestClient app(MediaWikiSecurity.GetLogout getLogout) {
        SessionSealer sealer = SessionSealer.ephemeral();
        MediaWikiOAuthOptions options = MediaWikiOAuthOptions.builder().prefix("/auth").build();
        WebSessionCredentialsRepository users = new WebSessionCredentialsRepository(sealer, LOGIN,
                SessionAccess.defaults());
        MediaWikiSecurity security = new MediaWikiSecurity(users, options, MediaWikiAuthoritiesMapper.standard());
        security.setGetLogout(getLogout);
        ServerHttpSecurity http = ServerHttpSecurity.http();
        security.customize(http);
        return WebTestClient.bindToRouterFunction(MediaWikiOAuthRoutes.create(LOGIN, users,
                        new WebSessionPendingLoginRepository(sealer), options))
                .webFilter(new MediaWikiSessionWebFilter("/auth/login"), new WebFilterChainProxy(http
                        .authorizeExchange(exchange -> exchange.anyExchange().authenticated()).build()))
                .build();
    }

    @Test
    void getLogoutWhenRefusedThen405AllowingPost() {
        app(MediaWikiSecurity.GetLogout.REFUSED).get().uri("/auth/logout").header("Sec-Fetch-Site", "same-origin")
                .exchange().expectStatus().isEqualTo(405).expectHeader().valueEquals("Allow", "POST");
    }

    @Test
    void getLogoutWhenSameOriginPolicyThenCrossSiteRefusedOthersLoggedOut() {
        WebTestClient client = app(MediaWikiSecurity.GetLogout.SAME_ORIGIN);
        client.get().uri("/auth/logout").header("Sec-Fetch-Site", "cross-site").exchange().expectStatus()
                .isForbidden();
        client.get().uri("/auth/logout").header("Sec-Fetch-Site", "same-site").exchange().expectStatus()
                .isForbidden();
        client.get().uri("/auth/logout?next=/bye").exchange().expectStatus().isFound().expectHeader()
                .location("/bye");
        client.get().uri("/auth/logout").header("Sec-Fetch-Site", "none").exchange().expectStatus().isFound();
    }

    @Test
    void getLogoutWhenAllowedThenCrossSiteLoggedOutAsWithoutSpringSecurity() {
        app(MediaWikiSecurity.GetLogout.ALLOWED).get().uri("/auth/logout").header("Sec-Fetch-Site", "cross-site")
                .exchange().expectStatus().isFound().expectHeader().location("/");
    }

    @Test
    void postLogoutWhenNoCsrfTokenThen403AndLibraryPathsPermittedEvenThoughEverythingElseNeedsLogin() {
        WebTestClient client = app(MediaWikiSecurity.GetLogout.SAME_ORIGIN);
        client.method(HttpMethod.POST).uri("/auth/logout").exchange().expectStatus().isForbidden();
        assertThat(client.get().uri("/auth/oauth-callback?oauth_token=x&oauth_verifier=y").exchange().expectStatus()
                .isForbidden().expectBody(String.class).returnResult().getResponseBody())
                .as("the library's page, not Spring Security's").contains("Sign-in link expired");
        client.get().uri("/elsewhere").header("Accept", "text/html").exchange().expectStatus().isFound()
                .expectHeader().location("/auth/login?next=/elsewhere");
    }
}
