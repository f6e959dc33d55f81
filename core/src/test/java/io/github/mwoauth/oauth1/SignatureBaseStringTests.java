package io.github.mwoauth.oauth1;

import io.github.mwoauth.http.FormEncoding;
import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.http.PercentEncoding;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The one-pass base string, and the signer writing it into a reused buffer with a reused {@code Mac}, equal the
 * RFC 5849 §3.4.1.1 construction written out step by step.
 */
class SignatureBaseStringTests {

    /** Reserved, non-ASCII and control characters, a character outside the BMP and a lone surrogate. */
    private static final String ALPHABET = "aZ09-._~ %&=+/?#!*'()[]:@$,;\"<>\\^`{|}Ü€😀\u0000\n\uD800";

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

            assertThat(SignatureBaseString.of(method, uri, parameters)).isEqualTo(spelledOut(method, uri, parameters));
        }
    }

    @Test
    void signWhenRequestsAndSecretsVaryThenSignatureIsHmacOfSpelledOutBaseString() throws Exception {
        Random random = new Random(3986);
        String[] secrets = {"", "s3cr&t", "Ü+/=", "d958721bfc4a7824fab5762594e0312399f1e028"};
        String[] keys = {"key", "k&y Ü", "a562b453eb2fd8aab11155466989abe6"};
        for (int run = 0; run < 300; run++) {
            List<Parameter> form = new ArrayList<>();
            int count = random.nextInt(12);
            for (int i = 0; i < count; i++) {
                form.add(Parameter.of(text(random), text(random)));
            }
            if (run % 100 == 7) { // a base string larger than the per-thread buffer keeps
                form.add(Parameter.of("text", "|".repeat(30_000)));
            }
            URI uri = URI.create(random.nextBoolean() ? "https://Meta.Wikimedia.org/w/api.php"
                    : "http://127.0.0.1:8181/w/index.php?title=Special%3AOAuth%2Finitiate&a=%25b+c&empty=");
            OAuth1Credentials credentials = new OAuth1Credentials(keys[random.nextInt(keys.length)],
                    secrets[random.nextInt(secrets.length)],
                    random.nextBoolean() ? keys[random.nextInt(keys.length)] : null,
                    secrets[random.nextInt(secrets.length)]);
            OAuth1Signer signer = new OAuth1Signer(Clock.fixed(Instant.ofEpochSecond(1_800_000_000L + run),
                    ZoneOffset.UTC), () -> "nonce");

            SignedRequest signed = signer.sign("POST", uri, form, credentials, List.of());

            List<Parameter> sent = AuthorizationHeader.parse(signed.authorizationHeader());
            assertThat(sent).contains(Parameter.of("oauth_consumer_key", credentials.consumerKey()));
            if (credentials.token() != null) {
                assertThat(sent).contains(Parameter.of("oauth_token", credentials.token()));
            } else {
                assertThat(sent).extracting(Parameter::name).doesNotContain("oauth_token");
            }
            List<Parameter> all = new ArrayList<>(sent);
            all.addAll(form);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((PercentEncoding.encode(credentials.consumerSecret()) + '&'
                    + PercentEncoding.encode(credentials.tokenSecret())).getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String expected = Base64.getEncoder().encodeToString(
                    mac.doFinal(spelledOut("POST", uri, all).getBytes(StandardCharsets.UTF_8)));
            assertThat(signed.signature()).isEqualTo(expected);
        }
    }

    /** RFC 5849 §3.4.1.1 step by step: method, encoded base URI, encoded normalised parameters. */
    private static String spelledOut(String method, URI uri, List<Parameter> parameters) {
        List<Parameter> all = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            all.addAll(FormEncoding.parse(uri.getRawQuery()));
        }
        all.addAll(parameters);
        return method.toUpperCase(Locale.ROOT) + '&' + PercentEncoding.encode(SignatureBaseString.baseUri(uri)) + '&'
                + PercentEncoding.encode(SignatureBaseString.normalizedParameters(all));
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
