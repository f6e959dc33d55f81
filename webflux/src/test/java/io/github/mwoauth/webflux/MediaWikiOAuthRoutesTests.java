package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

class MediaWikiOAuthRoutesTests {

    private final SessionSealer sealer = SessionSealer.ephemeral();

    @Test
    void createWhenLoginAndRepositoriesThenRoutesForTheOptionsPaths() {
        RouterFunction<ServerResponse> routes = MediaWikiOAuthRoutes.create(TestLogins.OAUTH1,
                new WebSessionCredentialsRepository(sealer, TestLogins.OAUTH1, SessionAccess.defaults()),
                new WebSessionPendingLoginRepository(sealer), MediaWikiOAuthOptions.builder().prefix("/auth").build());
        WebTestClient web = WebTestClient.bindToRouterFunction(routes).build();
        web.get().uri("/auth/logout?next=/after").exchange().expectStatus().isFound()
                .expectHeader().location("/after").expectHeader().cacheControl(CacheControl.noStore());
        web.get().uri("/logout").exchange().expectStatus().isNotFound();
    }

    private WebTestClient routes(MediaWikiOAuthOptions options) {
        return WebTestClient.bindToRouterFunction(MediaWikiOAuthRoutes.create(TestLogins.OAUTH1,
                new WebSessionCredentialsRepository(sealer, TestLogins.OAUTH1, SessionAccess.defaults()),
                new WebSessionPendingLoginRepository(sealer), options)).build();
    }

    @Test
    void logoutWhenPostWithNextInFormBodyThenRedirectedThere() {
        routes(MediaWikiOAuthOptions.defaults()).post().uri("/logout")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("next=%2Fx").exchange()
                .expectStatus().isFound().expectHeader().location("/x")
                .expectHeader().cacheControl(CacheControl.noStore());
    }

    @Test
    void logoutWhenPostWithUnsafeNextInFormBodyThenDefaultNext() {
        WebTestClient web = routes(MediaWikiOAuthOptions.defaults().toBuilder().defaultNext("/home").build());
        for (String unsafe : new String[] {"https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example", "%2F%5Cevil.example"}) {
            web.post().uri("/logout").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("next=" + unsafe)
                    .exchange().expectStatus().isFound().expectHeader().location("/home");
        }
    }

    @Test
    void createWhenCollaboratorMissingThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> MediaWikiOAuthRoutes.create(TestLogins.OAUTH1, null,
                new WebSessionPendingLoginRepository(sealer), MediaWikiOAuthOptions.defaults()))
                .withMessageContaining("users");
    }

    @Test
    void optionsWhenPathsUnsafeThenIllegalArgument() {
        MediaWikiOAuthOptions defaults = MediaWikiOAuthOptions.defaults();
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.toBuilder().defaultNext("//evil.example")
                .build());
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.toBuilder().prefix("auth").build());
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.toBuilder().paths("login", "/cb", "/out")
                .build());
        assertThat(defaults.toBuilder().prefix("/auth/").build().fullLoginPath()).isEqualTo("/auth/login");
        assertThat(defaults.toBuilder().prefix("/auth/").build().toBuilder().build())
                .isEqualTo(defaults.toBuilder().prefix("/auth").build());
    }
}
