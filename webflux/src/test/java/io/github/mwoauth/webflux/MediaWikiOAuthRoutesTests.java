package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.mwoauth.ReactiveMediaWikiClient;
import org.junit.jupiter.api.Test;

class MediaWikiOAuthRoutesTests {

    private final ReactiveMediaWikiClient.Builder client = ReactiveMediaWikiClient.builder()
            .wiki("https://wiki.example/w").consumer("key", "secret").userAgent("Test/1.0");

    @Test
    void createWhenClientHasSessionStoreThenRoutes() {
        WebSessionTokenStore store = new WebSessionTokenStore(SessionSealer.ephemeral());
        assertThat(MediaWikiOAuthRoutes.create(client.tokenStore(store).build(), MediaWikiOAuthOptions.defaults()))
                .isNotNull();
    }

    @Test
    void createWhenClientHasOtherStoreThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaWikiOAuthRoutes.create(client.build(), MediaWikiOAuthOptions.defaults()))
                .withMessageContaining("WebSessionTokenStore");
    }

    @Test
    void optionsWhenPathsUnsafeThenIllegalArgument() {
        MediaWikiOAuthOptions defaults = MediaWikiOAuthOptions.defaults();
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withDefaultNext("//evil.example"));
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withPrefix("auth"));
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withPaths("login", "/cb", "/out"));
        assertThat(defaults.withPrefix("/auth/").fullLoginPath()).isEqualTo("/auth/login");
    }
}
