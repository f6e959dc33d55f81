package io.github.mwoauth.http;

import io.github.mwoauth.oauth1.AuthorizationHeader;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentEncodingTests {

    @Test
    void encodeWhenUnreservedThenUnchanged() {
        assertThat(PercentEncoding.encode("AZaz09-._~")).isEqualTo("AZaz09-._~");
    }

    @Test
    void encodeWhenReservedCharactersThenUpperCaseHexEscapes() {
        assertThat(PercentEncoding.encode("!*'();:@&=+$,/?#[] %")).isEqualTo(
                "%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%2F%3F%23%5B%5D%20%25");
    }

    @Test
    void encodeWhenUtf8ThenEachOctetEscaped() {
        assertThat(PercentEncoding.encode("é")).isEqualTo("%C3%A9");
        assertThat(PercentEncoding.encode("Ω≈ç")).isEqualTo("%CE%A9%E2%89%88%C3%A7");
        assertThat(PercentEncoding.encode("😀")).isEqualTo("%F0%9F%98%80");
        assertThat(PercentEncoding.encode("")).isEmpty();
    }

    @Test
    void formDecodeWhenPlusAndEscapesThenDecoded() {
        assertThat(PercentEncoding.formDecode("2+q")).isEqualTo("2 q");
        assertThat(PercentEncoding.formDecode("%3D%253D")).isEqualTo("=%3D");
        assertThat(PercentEncoding.formDecode("%C3%A9t%C3%A9")).isEqualTo("été");
        assertThat(PercentEncoding.formDecode("100%")).isEqualTo("100%");
        assertThat(PercentEncoding.formDecode("%zz")).isEqualTo("%zz");
    }

    @Test
    void formDecodeWhenEscapeEndsTheValueThenDecoded() {
        assertThat(PercentEncoding.formDecode("a%41")).isEqualTo("aA");
        assertThat(PercentEncoding.formDecode("%41")).isEqualTo("A");
        assertThat(PercentEncoding.formDecode("a%41b")).isEqualTo("aAb");
    }

    @Test
    void formDecodeWhenEscapeMalformedThenKeptAsItIs() {
        assertThat(PercentEncoding.formDecode("a%4")).isEqualTo("a%4");
        assertThat(PercentEncoding.formDecode("%")).isEqualTo("%");
        assertThat(PercentEncoding.formDecode("a%")).isEqualTo("a%");
        assertThat(PercentEncoding.formDecode("%zz")).isEqualTo("%zz");
        assertThat(PercentEncoding.formDecode("%4z%41")).isEqualTo("%4zA");
    }

    @Test
    void formParseWhenRepeatedAndEmptyThenAllKept() {
        assertThat(FormEncoding.parse("a=1&a=2&b&c=&&d=%20"))
                .containsExactly(Parameter.of("a", "1"), Parameter.of("a", "2"), Parameter.of("b", ""),
                        Parameter.of("c", ""), Parameter.of("d", " "));
    }

    @Test
    void formWriteThenParseRoundTrips() {
        List<Parameter> params = List.of(Parameter.of("tïtle", "A&B=C+D /é"), Parameter.of("x", ""),
                Parameter.of("x", "|"));
        assertThat(FormEncoding.parse(FormEncoding.write(params))).isEqualTo(params);
    }

    @Test
    void authorizationHeaderWhenWrittenThenParsesBack() {
        List<Parameter> params = List.of(Parameter.of("oauth_consumer_key", "k"),
                Parameter.of("oauth_signature", "a+b/c="), Parameter.of("oauth_callback", "http://x.test/cb?a=1"));
        String header = AuthorizationHeader.write(params);

        assertThat(header).isEqualTo("OAuth oauth_consumer_key=\"k\", oauth_signature=\"a%2Bb%2Fc%3D\", "
                + "oauth_callback=\"http%3A%2F%2Fx.test%2Fcb%3Fa%3D1\"");
        assertThat(AuthorizationHeader.parse(header)).isEqualTo(params);
        assertThat(AuthorizationHeader.parse("OAuth realm=\"Example\",oauth_nonce=\"n\"")).containsExactly(
                Parameter.of("realm", "Example"), Parameter.of("oauth_nonce", "n"));
        assertThat(AuthorizationHeader.parse("Bearer abc")).isNull();
        assertThat(AuthorizationHeader.parse("OAuth oauth_nonce=\"unterminated")).isNull();
    }

    @Test
    void encodeWhenCharactersAtTheUtf8LengthBoundariesThenTheirOctets() {
        assertThat(PercentEncoding.encode("\u007F")).isEqualTo("%7F");
        assertThat(PercentEncoding.encode("\u0080")).isEqualTo("%C2%80");
        assertThat(PercentEncoding.encode("\u07FF")).isEqualTo("%DF%BF");
        assertThat(PercentEncoding.encode("\u0800")).isEqualTo("%E0%A0%80");
        assertThat(PercentEncoding.encode("\uFFFF")).isEqualTo("%EF%BF%BF");
        assertThat(PercentEncoding.encode("\uD800\uDC00")).isEqualTo("%F0%90%80%80");
        assertThat(PercentEncoding.isUnreserved('\u0080')).isFalse();
        assertThat(PercentEncoding.isUnreserved('\u00FF')).isFalse();
    }

    @Test
    void encodeIntoWhenCharactersAtTheUtf8LengthBoundariesThenAsEncode() {
        String value = "a\u007F\u0080\u07FF\u0800\uFFFF\uD800\uDC00\uDBFF\uDFFF\uD800x\uDC00~";
        byte[] once = new byte[9 * value.length()];
        byte[] twice = new byte[15 * value.length()];

        int onceEnd = PercentEncoding.encodeInto(value, once, 0);
        int twiceEnd = PercentEncoding.encodeTwiceInto(value, twice, 0);

        String expected = PercentEncoding.encode(value);
        assertThat(new String(once, 0, onceEnd, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(expected);
        assertThat(new String(twice, 0, twiceEnd, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo(PercentEncoding.encode(expected));
        assertThat(expected).isEqualTo("a%7F%C2%80%DF%BF%E0%A0%80%EF%BF%BF%F0%90%80%80%F4%8F%BF%BF%3Fx%3F~");
    }

    @Test
    void formDecodeWhenLeadingPlusOrZeroDigitOrLowerCaseHexThenDecoded() {
        assertThat(PercentEncoding.formDecode("+a")).isEqualTo(" a");
        assertThat(PercentEncoding.formDecode("%0A")).isEqualTo("\n");
        assertThat(PercentEncoding.formDecode("%20")).isEqualTo(" ");
        assertThat(PercentEncoding.formDecode("%2a%2f%c3%a9")).isEqualTo("*/é");
        assertThat(PercentEncoding.formDecode("%2A%2F%39%0a")).isEqualTo("*/9\n");
        assertThat(PercentEncoding.formDecode("%2g%g2%2G%/2")).isEqualTo("%2g%g2%2G%/2");
    }

    @Test
    void formDecodeWhenSurrogatePairBesideEscapesThenKeptWhole() {
        assertThat(PercentEncoding.formDecode("😀+%41")).isEqualTo("😀 A");
        assertThat(PercentEncoding.formDecode("a😀b😀")).isEqualTo("a😀b😀");
        assertThat(PercentEncoding.formDecode("%41\uD800")).isEqualTo("A?");
    }
}
