package io.github.mwoauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.oauth2.OAuth2Handshake;
import io.github.mwoauth.oauth2.OAuth2Login;
import io.github.mwoauth.oauth2.OAuth2Tokens;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What {@link OAuth2Login} keeps of a user's tokens: the key of their cached CSRF tokens and the stored text. */
class OAuth2LoginTests {

    private final OAuth2Login login = OAuth2Login.builder().wiki("https://wiki.example.org/w")
            .clientId("cid").build();

    @Test
    void userKeyWhenTokensThenTheAccessTokensDigestNeverTheToken() {
        OAuth2Tokens alice = new OAuth2Tokens("alice.access.jwt", "r1", Instant.MAX);
        OAuth2Tokens bob = new OAuth2Tokens("bob.access.jwt", "r1", Instant.MAX);

        assertThat(login.userKey(alice)).isEqualTo(OAuth2Handshake.s256("alice.access.jwt"))
                .isNotEqualTo(login.userKey(bob)).doesNotContain("alice");
    }

    @Test
    void readCredentialsWhenLineBreakAnywhereThenNothing() {
        assertThat(login.readCredentials("a r 1700000000")).get()
                .isEqualTo(new OAuth2Tokens("a", "r", Instant.ofEpochSecond(1_700_000_000)));
        assertThat(login.readCredentials("\na r 1700000000")).isEmpty();
        assertThat(login.readCredentials("a r\n 1700000000")).isEmpty();
    }
}
