package io.github.mwoauth.webflux;

import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.login.AuthorizedUser;
import io.github.mwoauth.login.PendingLogin;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionCodecTests {

    private static final String CREDENTIALS = TestLogins.OAUTH1.writeCredentials(TestIdentities.accessToken());

    private static MediaWikiIdentity everything() {
        return new MediaWikiIdentity("7", "Bob \"B\" é", List.of("*", "user", "sysop"), List.of(),
                List.of("basic", "editpage"), 4321, true, true, Instant.parse("2024-01-31T23:59:59Z"), "Bob Example",
                "bob@example.org", Map.of());
    }

    @Test
    void identityWhenEveryFieldSetThenReadBackEqual() {
        MediaWikiIdentity identity = everything();

        assertThat(SessionCodec.identity(SessionCodec.identity(identity))).contains(identity);
    }

    @Test
    void identityWhenOptionalFieldsAbsentThenReadBackWithoutThem() {
        MediaWikiIdentity hidden = new MediaWikiIdentity("8", null, List.of(), List.of(), List.of(), 0, false, false,
                null, null, null, Map.of());

        String text = SessionCodec.identity(hidden);

        assertThat(SessionCodec.identity(text)).contains(hidden);
        assertThat(text).doesNotContain("\"b\"", "\"ce\"", "\"r\"", "\"rn\"", "\"em\"", "\"u\"");
    }

    @Test
    void identityWhenNotTheCodecsTextThenEmpty() {
        assertThat(SessionCodec.identity("")).isEmpty();
        assertThat(SessionCodec.identity("{")).isEmpty();
        assertThat(SessionCodec.identity("{\"u\":\"Alice\"}")).isEmpty();
        assertThat(SessionCodec.identity("{\"sub\":\"1\",\"rn\":null,\"em\":null}")).get()
                .satisfies(i -> assertThat(i.realName()).isNull()).satisfies(i -> assertThat(i.email()).isNull());
    }

    @Test
    void userWhenWithAndWithoutIdentityThenCredentialsAndIdentityBack() {
        MediaWikiIdentity identity = everything();

        Optional<AuthorizedUser> withIdentity = SessionCodec.user(SessionCodec.user(CREDENTIALS, identity),
                TestLogins.OAUTH1);
        Optional<AuthorizedUser> without = SessionCodec.user(SessionCodec.user(CREDENTIALS, (MediaWikiIdentity) null), TestLogins.OAUTH1);

        assertThat(withIdentity).get().satisfies(u -> {
            assertThat(u.credentials()).isEqualTo(TestIdentities.accessToken());
            assertThat(u.identity()).isEqualTo(identity);
        });
        assertThat(without).get().satisfies(u -> {
            assertThat(u.credentials()).isEqualTo(TestIdentities.accessToken());
            assertThat(u.identity()).isNull();
        });
        assertThat(SessionCodec.user(CREDENTIALS, (MediaWikiIdentity) null)).isEqualTo(CREDENTIALS);
    }

    @Test
    void userWhenCredentialsOrIdentityUnreadableThenEmpty() {
        assertThat(SessionCodec.user("nospace", TestLogins.OAUTH1)).isEmpty();
        assertThat(SessionCodec.user("nospace\n" + SessionCodec.identity(everything()), TestLogins.OAUTH1))
                .isEmpty();
        assertThat(SessionCodec.user(CREDENTIALS + "\n{", TestLogins.OAUTH1)).isEmpty();
    }

    @Test
    void pendingWhenSeveralThenReadBackInOrder() {
        List<PendingLogin> entries = List.of(
                new PendingLogin("k1", "s1", "/a?b=c", Instant.ofEpochSecond(1_700_000_000L)),
                new PendingLogin("k2", "s2", "/", Instant.ofEpochSecond(1_700_000_060L)));

        assertThat(SessionCodec.pending(SessionCodec.pending(entries))).isEqualTo(entries);
        assertThat(SessionCodec.pending(SessionCodec.pending(List.of()))).isEmpty();
    }

    @Test
    void pendingWhenNotTheCodecsTextThenEmpty() {
        assertThat(SessionCodec.pending("")).isEmpty();
        assertThat(SessionCodec.pending("{\"k\":\"x\"}")).isEmpty();
        assertThat(SessionCodec.pending("[{\"k\":\"x\",\"s\":\"y\",\"n\":\"/\"}]")).isEmpty();
    }
}
