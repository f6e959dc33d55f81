package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.springframework.http.CacheControl;
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
