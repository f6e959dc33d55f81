package io.github.mwoauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.oauth1.OAuth1Login;
import io.github.mwoauth.oauth2.OAuth2Handshake;
import io.github.mwoauth.oauth2.OAuth2Login;
import io.github.mwoauth.oauth2.OAuth2Tokens;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What {@link OAuth2Login} and {@link OAuth1Login} keep of a user's tokens: the key of their cached CSRF tokens and
 * the stored text.
 */
class LoginCredentialsTests {

    private final OAuth2Login oauth2 = OAuth2Login.builder().wiki("https://wiki.example.org/w")
            .clientId("cid").build();

    @Test
    void userKeyWhenTokensThenTheAccessTokensDigestNeverTheToken() {
        OAuth2Tokens alice = new OAuth2Tokens("alice.access.jwt", "r1", Instant.MAX);
        OAuth2Tokens bob = new OAuth2Tokens("bob.access.jwt", "r1", Instant.MAX);

        assertThat(oauth2.userKey(alice)).isEqualTo(OAuth2Handshake.s256("alice.access.jwt"))
                .isNotEqualTo(oauth2.userKey(bob)).doesNotContain("alice");
    }

    @Test
    void readCredentialsWhenLineBreakAnywhereThenNothing() {
        assertThat(oauth2.readCredentials("a r 1700000000")).get()
                .isEqualTo(new OAuth2Tokens("a", "r", Instant.ofEpochSecond(1_700_000_000)));
        assertThat(oauth2.readCredentials("\na r 1700000000")).isEmpty();
        assertThat(oauth2.readCredentials("a r\n 1700000000")).isEmpty();
    }

    private final OAuth1Login oauth1 = OAuth1Login.builder().wiki("https://wiki.example.org/w")
            .consumer(TestJwts.CONSUMER).build();

    @Test
    void oauth1UserKeyWhenTokenThenItsPublicKeyNeverTheSecret() {
        assertThat(oauth1.userKey(new AccessToken("k1", "secret1"))).isEqualTo("k1");
    }

    @Test
    void oauth1ReadCredentialsWhenNotKeySpaceSecretThenNothing() {
        assertThat(oauth1.readCredentials("k s")).get().isEqualTo(new AccessToken("k", "s"));
        assertThat(oauth1.readCredentials(" ks")).isEmpty();
        assertThat(oauth1.readCredentials("ks ")).isEmpty();
        assertThat(oauth1.readCredentials("\nk s")).isEmpty();
    }
}
