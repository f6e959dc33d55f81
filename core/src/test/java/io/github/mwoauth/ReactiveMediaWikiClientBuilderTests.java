package io.github.mwoauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.login.TokenStore;
import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.oauth1.OAuth1Login;
import io.github.mwoauth.oauth2.OAuth2Login;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReactiveMediaWikiClientBuilderTests {

    private static final URI OTHER = URI.create("https://other.example/w/api.php");

    private final ReactiveMediaWikiClient.Builder base = ReactiveMediaWikiClient.builder()
            .wiki("https://wiki.example/w").consumer("key", "secret").userAgent("Test/1.0");

    @Test
    void setterWhenCalledThenConfiguredCopyAndOriginalUnchanged() {
        ReactiveMediaWikiClient.Builder wider = base.allowedWikis(WikiAllowList.origins("https://other.example"));

        assertThat(wider).isNotSameAs(base);
        assertThat(wider.build().allowedWikis().allows(OTHER)).isTrue();
        assertThat(base.build().allowedWikis().allows(OTHER)).isFalse();
    }

    @Test
    void mutateWhenChangedThenClientUnchanged() {
        ReactiveMediaWikiClient client = base.build();
        ReactiveMediaWikiClient variant = client.mutate().allowedWikis(WikiAllowList.wikimedia()).build();

        assertThat(client.allowedWikis().allows(URI.create("https://en.wikipedia.org/w/api.php"))).isFalse();
        assertThat(variant.allowedWikis().allows(URI.create("https://en.wikipedia.org/w/api.php"))).isTrue();
        assertThat(variant.login()).isInstanceOf(OAuth1Login.class);
    }

    @Test
    void withTokenStoreWhenCalledThenSameLoginForAnotherStore() {
        ReactiveMediaWikiClient client = base.build();
        TokenStore store = TokenStore.fixed(new AccessToken("t", "s"));

        ReactiveMediaWikiClient other = client.withTokenStore(store);

        assertThat(other.login()).as("the login, and so its refreshes in flight, shared").isSameAs(client.login());
        assertThat(other.tokenStore()).isSameAs(store);
        assertThat(client.tokenStore()).isNotSameAs(store);
        assertThat(other.mutate().build().tokenStore()).isSameAs(store);
    }

    @Test
    void buildWhenConvenienceSettingsThenLoginOfThatProtocol() {
        assertThat(base.build().login()).isInstanceOf(OAuth1Login.class);
        assertThat(ReactiveMediaWikiClient.builder().wiki("https://wiki.example/w").oauth2Client("id", null).build()
                .login()).isInstanceOf(OAuth2Login.class);
        assertThat(ReactiveMediaWikiClient.builder().wiki("https://wiki.example/w").oauth2AccessToken("eyJ.a.b")
                .build().login()).isInstanceOf(OAuth2Login.class);
    }

    @Test
    void buildWhenLoginGivenWithoutWikiThenTheLoginsWiki() {
        MediaWikiLogin login = OAuth2Login.builder().wiki("https://login.example/w").clientId("id").build();

        ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder().login(login).build();

        assertThat(client.login()).isSameAs(login);
        assertThat(client.endpoints().apiPhp()).hasToString("https://login.example/w/api.php");
    }

    @Test
    void settingsWhenNegativeThenIllegalArgumentNamingTheSetting() {
        ReactiveMediaWikiClient.Builder builder = ReactiveMediaWikiClient.builder();
        assertThatIllegalArgumentException().isThrownBy(() -> builder.maxRetries(-1)).withMessageContaining("maxRetries");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.maxlag(-1)).withMessageContaining("maxlag");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.multipartThreshold(-1))
                .withMessageContaining("multipartThreshold");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.maxRetryDelay(Duration.ofSeconds(-1)))
                .withMessageContaining("maxRetryDelay");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.identityClockSkew(Duration.ofSeconds(-1)))
                .withMessageContaining("identityClockSkew");
    }

    @Test
    void buildWhenTwoKindsOfLoginThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> base.oauth2Client("id", "secret").build())
                .withMessageContaining("one kind of login");
    }

    @Test
    void buildWhenNoLoginThenNullPointerNamingWhatToSet() {
        assertThatNullPointerException().isThrownBy(() -> ReactiveMediaWikiClient.builder()
                .wiki("https://wiki.example/w").build()).withMessageContaining("consumer");
    }
}
