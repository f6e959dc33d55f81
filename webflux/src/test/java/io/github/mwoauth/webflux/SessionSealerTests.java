package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SessionSealerTests {

    private final SessionSealer sealer = SessionSealer.ephemeral();

    @Test
    void sealWhenOpenedWithSameKeyAndPurposeThenRoundTrips() {
        String sealed = sealer.seal("mwoauth.token", "secret-value");
        assertThat(sealed).doesNotContain("secret-value");
        assertThat(sealed.split("\\.")).hasSize(3);
        assertThat(sealer.open("mwoauth.token", sealed)).contains("secret-value");
    }

    @Test
    void sealWhenCalledTwiceThenCiphertextsDiffer() {
        assertThat(sealer.seal("p", "same")).isNotEqualTo(sealer.seal("p", "same"));
    }

    @Test
    void openWhenCiphertextTamperedThenEmpty() {
        String sealed = sealer.seal("p", "value");
        String[] parts = sealed.split("\\.");
        char[] cipher = parts[1].toCharArray();
        cipher[0] = cipher[0] == 'A' ? 'B' : 'A';
        parts[1] = new String(cipher);
        assertThat(sealer.open("p", String.join(".", parts))).isEmpty();
    }

    @Test
    void openWhenTagOrIvTamperedThenEmpty() {
        String sealed = sealer.seal("p", "value");
        String[] parts = sealed.split("\\.");
        String[] badTag = parts.clone();
        badTag[2] = badTag[2].substring(1) + (badTag[2].charAt(0) == 'A' ? 'B' : 'A');
        assertThat(sealer.open("p", String.join(".", badTag))).isEmpty();
        String[] badIv = parts.clone();
        badIv[0] = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[12]);
        assertThat(sealer.open("p", String.join(".", badIv))).isEmpty();
        assertThat(sealer.open("p", parts[0] + "." + parts[1])).isEmpty();
    }

    @Test
    void openWhenOtherKeyThenEmpty() {
        String sealed = sealer.seal("p", "value");
        assertThat(SessionSealer.ephemeral().open("p", sealed)).isEmpty();
    }

    @Test
    void openWhenOtherPurposeThenEmpty() {
        String sealed = sealer.seal("mwoauth.pending", "value");
        assertThat(sealer.open("mwoauth.token", sealed)).isEmpty();
    }

    @Test
    void openWhenGarbageThenEmpty() {
        assertThat(sealer.open("p", "")).isEmpty();
        assertThat(sealer.open("p", "not a jwe")).isEmpty();
        assertThat(sealer.open("p", "a.b.c")).isEmpty();
        assertThat(sealer.open("p", "a.b.c.d.e")).isEmpty();
    }

    @Test
    void fromBase64WhenSameKeyThenInstancesShareValues() {
        String key = Base64.getEncoder().encodeToString(SessionSealer.newKey());
        String sealed = SessionSealer.fromBase64(key).seal("p", "shared");
        assertThat(SessionSealer.fromBase64(key).open("p", sealed)).contains("shared");
        String urlSafe = key.replace('+', '-').replace('/', '_');
        assertThat(SessionSealer.fromBase64(urlSafe).open("p", sealed)).contains("shared");
    }

    @Test
    void fromBase64WhenWrongLengthOrNotBase64ThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SessionSealer.fromBase64(Base64.getEncoder().encodeToString(new byte[16])));
        assertThatIllegalArgumentException().isThrownBy(() -> SessionSealer.fromBase64("!!!not base64!!!"));
    }

    @Test
    void toStringWhenCalledThenShowsNoKey() {
        assertThat(sealer.toString()).contains("hidden");
    }

    @Test
    void sealCompressedWhenOpenedThenRoundTripsAndTamperingFails() {
        SessionSealer sealer = SessionSealer.ephemeral();
        String text = "def502" + "0123456789abcdef".repeat(16);

        String sealed = sealer.sealCompressed("mwoauth.user", text);

        assertThat(sealed).startsWith("z.").hasSizeLessThan(sealer.seal("mwoauth.user", text).length());
        assertThat(sealer.open("mwoauth.user", sealed)).contains(text);
        assertThat(sealer.open("mwoauth.pending", sealed)).isEmpty();
        assertThat(sealer.open("mwoauth.user", sealed.substring(2))).as("the zip flag is authenticated").isEmpty();
    }

    @Test
    void sealWhenPurposeNotOfTheAllowedCharactersThenIllegalArgument() {
        SessionSealer sealer = SessionSealer.ephemeral();

        assertThatIllegalArgumentException().isThrownBy(() -> sealer.seal("two words", "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> sealer.seal("", "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> sealer.sealCompressed("a".repeat(65), "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> sealer.open("a/b", sealer.seal("ok", "x")));
    }

    @Test
    void sealCompressedWhenRepetitiveThenFarShorterThanSealedPlainly() {
        SessionSealer sealer = SessionSealer.ephemeral();
        String repetitive = "token-".repeat(200);

        // a purpose of this test only: its header is not cached yet
        String compressed = sealer.sealCompressed("compression-check", repetitive);

        assertThat(compressed.length()).isLessThan(sealer.seal("compression-check", repetitive).length() / 4);
        assertThat(sealer.open("compression-check", compressed)).contains(repetitive);
    }

    @Test
    void sealWhenManyPurposesThenEachStillOpensOnlyWithItsOwn() {
        SessionSealer sealer = SessionSealer.ephemeral();
        for (int i = 0; i < 100; i++) {
            String sealed = sealer.seal("p" + i, "v" + i);
            assertThat(sealer.open("p" + i, sealed)).contains("v" + i);
            assertThat(sealer.open("p" + (i + 1), sealed)).isEmpty();
        }
    }

    @Test
    void fromBase64WhenStandardOrUrlSafeAlphabetThenTheSameKey() {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 0xFB); // "+/v7" in the standard alphabet, "-_v7" in the URL-safe one
        String standard = Base64.getEncoder().encodeToString(key);
        String urlSafe = Base64.getUrlEncoder().encodeToString(key);

        assertThat(standard).contains("+", "/");
        assertThat(SessionSealer.fromBase64(urlSafe).open("k", SessionSealer.fromBase64(" " + standard + "\n")
                .seal("k", "v"))).contains("v");
    }
}
