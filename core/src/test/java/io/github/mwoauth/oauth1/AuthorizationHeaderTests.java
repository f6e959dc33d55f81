package io.github.mwoauth.oauth1;

import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.http.PercentEncoding;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AuthorizationHeaderTests {

    /** The header spelled out per RFC 5849 §3.5.1: each name and value encoded, quoted, joined by ", ". */
    private static String spelledOut(List<Parameter> parameters) {
        return "OAuth " + parameters.stream()
                .map(p -> PercentEncoding.encode(p.name()) + "=\"" + PercentEncoding.encode(p.value()) + "\"")
                .collect(Collectors.joining(", "));
    }

    @Test
    void writeWhenValuesLongerThanTheBufferThenEqualsTheSpelledOutHeader() throws Exception {
        List<Parameter> parameters = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            parameters.add(Parameter.of("oauth_x" + i, "€😀 /".repeat(17 * i)));
        }
        // on a fresh thread, so that its buffer starts at its first size and has to grow
        String header = CompletableFuture.supplyAsync(() -> AuthorizationHeader.write(parameters),
                r -> new Thread(r).start()).get();

        assertThat(header).isEqualTo(spelledOut(parameters)).hasSizeGreaterThan(20_000);
        assertThat(AuthorizationHeader.parse(header)).isEqualTo(parameters);
    }

    @Test
    void writeWhenEncodedNamesAndValuesLongerThanTheBufferThenEqualsTheSpelledOutHeader() throws Exception {
        String longValue = "v".repeat(700);
        String header = CompletableFuture.supplyAsync(() -> AuthorizationHeader.Writer.start()
                .add(EncodedText.CONSUMER_KEY, new EncodedText(longValue))
                .add(EncodedText.NONCE, longValue + "é")
                .add(EncodedText.TOKEN, new EncodedText(longValue + "~"))
                .finish(), r -> new Thread(r).start()).get();

        assertThat(header).isEqualTo(spelledOut(List.of(Parameter.of("oauth_consumer_key", longValue),
                Parameter.of("oauth_nonce", longValue + "é"), Parameter.of("oauth_token", longValue + "~"))));
    }

    @Test
    void writeWhenALargeHeaderWasWrittenThenTheThreadKeepsASmallBufferAndReusesIt() throws Exception {
        CompletableFuture.runAsync(() -> {
            AuthorizationHeader.write(List.of(Parameter.of("a", "x".repeat(40_000))));
            AuthorizationHeader.Writer afterLarge = AuthorizationHeader.Writer.start();
            assertThat(AuthorizationHeader.Writer.start()).isSameAs(afterLarge);
            assertThat(AuthorizationHeader.write(List.of(Parameter.of("b", "y")))).isEqualTo("OAuth b=\"y\"");
        }, r -> new Thread(r).start()).get();
    }

    @Test
    void parseWhenOnlyTheSchemeOrTrailingSeparatorsThenTheParametersBefore() {
        assertThat(AuthorizationHeader.parse("OAuth")).isEmpty();
        assertThat(AuthorizationHeader.parse("oauth  ")).isEmpty();
        assertThat(AuthorizationHeader.parse("OAuth a=\"1\", ")).containsExactly(Parameter.of("a", "1"));
        assertThat(AuthorizationHeader.parse("OAuth ,a=\"1\",,b=\"2\"")).containsExactly(Parameter.of("a", "1"),
                Parameter.of("b", "2"));
    }

    @Test
    void parseWhenUnquotedValuesThenUpToTheNextComma() {
        assertThat(AuthorizationHeader.parse("OAuth a=1, b = 2 ,c=")).containsExactly(Parameter.of("a", "1"),
                Parameter.of("b", "2"), Parameter.of("c", ""));
        assertThat(AuthorizationHeader.parse("OAuth a=")).containsExactly(Parameter.of("a", ""));
        assertThat(AuthorizationHeader.parse("OAuth a=x+y%2B")).containsExactly(Parameter.of("a", "x+y+"));
    }

    @Test
    void parseWhenNotTheOAuthSchemeOrMalformedThenNull() {
        assertThat(AuthorizationHeader.parse("OAut")).isNull();
        assertThat(AuthorizationHeader.parse("OAuthx a=\"1\"")).isNull();
        assertThat(AuthorizationHeader.parse("Basic OAuth")).isNull();
        assertThat(AuthorizationHeader.parse("OAuth a")).isNull();
        assertThat(AuthorizationHeader.parse("OAuth a=\"1\", b")).isNull();
        assertThat(AuthorizationHeader.parse("OAuth a=\"1")).isNull();
    }

    @Test
    void writeWhenNameAndValueEncodeToNineBytesACharacterThenTheRoomIsExact() throws Exception {
        List<Parameter> parameters = List.of(Parameter.of("€", "€".repeat(200)));
        String header = CompletableFuture.supplyAsync(() -> AuthorizationHeader.write(parameters),
                r -> new Thread(r).start()).get();

        assertThat(header).isEqualTo(spelledOut(parameters));
    }
}
