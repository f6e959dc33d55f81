package io.github.mwoauth.oauth1;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass base string equals the RFC 5849 §3.4.1.1 construction written out step by step. */
class SignatureBaseStringTests {

    private static final String ALPHABET = "aZ09-._~ %&=+/?#!*'()[]:@$,;\"<>\\^`{|}Ü€😀\u0000\n";

    @Test
    void ofWhenParametersHoldReservedAndNonAsciiCharactersThenEqualsTheSpelledOutConstruction() {
        Random random = new Random(5849);
        for (int run = 0; run < 500; run++) {
            List<Parameter> parameters = new ArrayList<>();
            int count = random.nextInt(12);
            for (int i = 0; i < count; i++) {
                parameters.add(Parameter.of(text(random), text(random)));
            }
            URI uri = URI.create(random.nextBoolean() ? "https://Meta.Wikimedia.org/w/api.php"
                    : "http://127.0.0.1:8181/w/index.php?title=Special%3AOAuth%2Finitiate&a=%25b+c&empty=");
            String method = random.nextBoolean() ? "post" : "GET";

            List<Parameter> all = new ArrayList<>();
            if (uri.getRawQuery() != null) {
                all.addAll(FormEncoding.parse(uri.getRawQuery()));
            }
            all.addAll(parameters);
            String spelledOut = method.toUpperCase(Locale.ROOT) + '&'
                    + PercentEncoding.encode(SignatureBaseString.baseUri(uri)) + '&'
                    + PercentEncoding.encode(SignatureBaseString.normalizedParameters(all));

            assertThat(SignatureBaseString.of(method, uri, parameters)).isEqualTo(spelledOut);
        }
    }

    private static String text(Random random) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(ALPHABET.codePoints().skip(random.nextInt((int) ALPHABET.codePoints().count()))
                    .findFirst().orElseThrow());
        }
        return random.nextInt(20) == 0 ? "oauth_signature" : out.toString();
    }
}
