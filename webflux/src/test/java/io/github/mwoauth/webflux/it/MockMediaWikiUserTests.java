package io.github.mwoauth.webflux.it;

import static io.github.mwoauth.webflux.security.test.MediaWikiSecurityMockServerConfigurers.mockMediaWikiUser;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.SessionAccess;
import io.github.mwoauth.webflux.SessionSealer;
import io.github.mwoauth.webflux.WebSessionCredentialsRepository;
import io.github.mwoauth.webflux.security.MediaWikiAuthentication;
import io.github.mwoauth.webflux.security.MediaWikiAuthoritiesMapper;
import io.github.mwoauth.webflux.security.MediaWikiSecurity;
import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.oauth1.OAuth1Login;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code mockMediaWikiUser}: an application's chain tested with a wiki user and no wiki. */
class MockMediaWikiUserTests {

    private static final MediaWikiLogin LOGIN = OAuth1Login.builder().wiki("http://127.0.0.1:9/w")
            .consumer("key", "secret").userAgent("mwoauth-webflux-tests/1.0 (tests@example.org)").build();

    private final WebTestClient client = WebTestClient
            .bindToRouterFunction(RouterFunctions.route()
                    .GET("/me", request -> request.principal().cast(MediaWikiAuthentication.class)
                            .flatMap(user -> ServerResponse.ok().bodyValue(user.getName() + " "
                                    + user.getPrincipal().grants() + " " + user.getAuthorities().stream()
                                            .map(GrantedAuthority::getAuthority).collect(Collectors.joining(",")))))
                    .GET("/admin", request -> ServerResponse.ok().bodyValue("admin page"))
                    .build())
            .webFilter(SecuredPages.chain(new MediaWikiSecurity(
                    new WebSessionCredentialsRepository(SessionSealer.ephemeral(), LOGIN, SessionAccess.defaults()),
                    MediaWikiOAuthOptions.defaults(), MediaWikiAuthoritiesMapper.standard())))
            .apply(springSecurity())
            .configureClient()
            .build();

    @Test
    void mockMediaWikiUserWhenSysopThenAdminPageAndPrincipal() {
        client.mutateWith(mockMediaWikiUser("Alice").groups("sysop").grants("editpage")).get().uri("/admin")
                .exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("admin page");
        client.mutateWith(mockMediaWikiUser("Alice").groups("sysop").grants("editpage")).get().uri("/me")
                .exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo("Alice [basic, editpage] GROUP_user,GROUP_sysop,GRANT_basic,GRANT_editpage");
    }

    @Test
    void mockMediaWikiUserWhenNotSysopOrAnonymousThenRefused() {
        client.mutateWith(mockMediaWikiUser("Bob")).get().uri("/admin").exchange().expectStatus().isForbidden();
        client.get().uri("/me").header("Accept", "text/html").exchange().expectStatus().isFound()
                .expectHeader().location("/login?next=/me");
    }

    @Test
    void mockMediaWikiUserWhenOwnMapperThenItsAuthorities() {
        client.mutateWith(mockMediaWikiUser("Carol")
                        .authorities(identity -> List.of(new SimpleGrantedAuthority("GROUP_sysop"))))
                .get().uri("/me").exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo("Carol [basic] GROUP_sysop");
    }
}
