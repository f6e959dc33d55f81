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
import java.util.concurrent.CompletableFuture;
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

    @Test
    void signWhenFortyAndTwoHundredParametersWithLongValuesThenEqualsAnIndependentComputation() throws Exception {
        // on a fresh thread each time, so that its buffers start at their first sizes and have to grow
        for (int count : new int[] {33, 40, 200}) {
            CompletableFuture.runAsync(() -> signManyParameters(count), r -> new Thread(r).start()).get();
        }
    }

    private static void signManyParameters(int count) {
        Random random = new Random(3232);
        URI uri = URI.create("https://meta.wikimedia.org/w/api.php?action=edit&format=json");
        OAuth1Credentials credentials = new OAuth1Credentials("ck Ü", "cs&1", "tk", "ts/2");
        OAuth1Signer signer = new OAuth1Signer(Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC),
                () -> "f00dfeed");
        {
            List<Parameter> form = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                // long names and values, some multi-kilobyte: the pair, key and byte buffers all grow
                String value = i % 10 == 0 ? "Ü€ &=%+".repeat(300 + random.nextInt(700)) : text(random);
                form.add(Parameter.of("p" + (count - i) + "_" + "x".repeat(i % 13), value));
            }
            form.add(Parameter.of(form.get(0).name(), "a second value")); // a repeated name

            List<String[]> all = new ArrayList<>();
            all.add(new String[] {"action", "edit"});
            all.add(new String[] {"format", "json"});
            all.add(new String[] {"oauth_consumer_key", "ck Ü"});
            all.add(new String[] {"oauth_nonce", "f00dfeed"});
            all.add(new String[] {"oauth_signature_method", "HMAC-SHA1"});
            all.add(new String[] {"oauth_timestamp", "1700000000"});
            all.add(new String[] {"oauth_token", "tk"});
            all.add(new String[] {"oauth_version", "1.0"});
            for (Parameter p : form) {
                all.add(new String[] {p.name(), p.value()});
            }
            String expectedBase = independentBaseString("POST", "https://meta.wikimedia.org/w/api.php", all);
            String expected = hmacSha1(rfc3986("cs&1") + "&" + rfc3986("ts/2"), expectedBase);

            assertThat(expectedBase.length()).as("base string of %s fields", count).isGreaterThan(10_000);
            assertThat(signer.sign("POST", uri, form, credentials, List.of()).signature())
                    .as("signature with %s fields", count).isEqualTo(expected);
            List<Parameter> protocol = new ArrayList<>(form);
            for (String[] pair : all.subList(2, 8)) {
                protocol.add(Parameter.of(pair[0], pair[1]));
            }
            assertThat(SignatureBaseString.of("POST", uri, protocol)).isEqualTo(expectedBase);
        }
    }

    /** §3.4.1: built without the library's encoder or sort, from UTF-8 bytes and {@code String} order. */
    private static String independentBaseString(String method, String baseUri, List<String[]> pairs) {
        List<String[]> encoded = new ArrayList<>();
        for (String[] pair : pairs) {
            encoded.add(new String[] {rfc3986(pair[0]), rfc3986(pair[1])});
        }
        encoded.sort(java.util.Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]));
        List<String> joined = new ArrayList<>();
        for (String[] pair : encoded) {
            joined.add(pair[0] + "=" + pair[1]);
        }
        return method + "&" + rfc3986(baseUri) + "&" + rfc3986(String.join("&", joined));
    }

    /** §3.6, written out: unreserved ASCII kept, every other UTF-8 byte as {@code %XX}. */
    private static String rfc3986(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
            }
        }
        return out.toString();
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

    private static String hmacSha1(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ofWhenOnlySchemeHostPathOrPortChangesBetweenCallsThenEachBaseUriIsItsOwn() {
        List<Parameter> none = List.of();
        String[] uris = {"https://a.example/w/api.php", "http://a.example/w/api.php", "http://b.example/w/api.php",
            "http://b.example/w/index.php", "http://b.example:8080/w/index.php", "http://b.example:8080/w/index.php",
            "https://a.example/w/api.php"};
        for (String uri : uris) {
            assertThat(SignatureBaseString.of("GET", URI.create(uri + "?x=1"), none))
                    .isEqualTo("GET&" + rfc3986(uri) + "&x%3D1");
        }
    }

    @Test
    void ofWhenALargeRequestWasSignedThenTheThreadReusesOneSmallBufferAgain() throws Exception {
        CompletableFuture.runAsync(() -> {
            URI uri = URI.create("https://a.example/w/api.php");
            SignatureBaseString.of("POST", uri, List.of(Parameter.of("text", "x".repeat(70_000))));
            SignatureBaseString.Bytes afterLarge = SignatureBaseString.Bytes.start(uri);
            assertThat(SignatureBaseString.Bytes.start(uri)).isSameAs(afterLarge);
            assertThat(SignatureBaseString.of("GET", uri, List.of(Parameter.of("a", "b"))))
                    .isEqualTo("GET&https%3A%2F%2Fa.example%2Fw%2Fapi.php&a%3Db");
        }, r -> new Thread(r).start()).get();
    }

    @Test
    void signWhenTheQueryFillsTheEncodedBufferThenTheProtocolParametersStillFit() throws Exception {
        // 34 "€" encoded twice take 510 of the first 512 bytes; the protocol parameters' names come after
        URI uri = URI.create("https://a.example/w/api.php?q=" + "%E2%82%AC".repeat(34));
        OAuth1Signer signer = new OAuth1Signer(Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC),
                () -> "n");
        OAuth1Credentials credentials = new OAuth1Credentials("ck", "cs", "tk", "ts");
        String signature = CompletableFuture.supplyAsync(
                () -> signer.sign("GET", uri, List.of(), credentials, List.of()).signature(),
                r -> new Thread(r).start()).get();

        String base = independentBaseString("GET", "https://a.example/w/api.php", List.of(
                new String[] {"q", "€".repeat(34)}, new String[] {"oauth_consumer_key", "ck"},
                new String[] {"oauth_nonce", "n"}, new String[] {"oauth_signature_method", "HMAC-SHA1"},
                new String[] {"oauth_timestamp", "1700000000"}, new String[] {"oauth_token", "tk"},
                new String[] {"oauth_version", "1.0"}));
        assertThat(signature).isEqualTo(hmacSha1("cs&ts", base));
    }

    @Test
    void ofWhenNamesShareTheirFirstEightBytesThenSortedByTheRest() {
        URI uri = URI.create("https://a.example/");
        List<Parameter> inOrder = List.of(Parameter.of("abcdefgh1", "x"), Parameter.of("abcdefgh2", "x"),
                Parameter.of("abcdefgh2", "y"), Parameter.of("abcdefgh", "z"), Parameter.of("abcdefg", "z"));

        assertThat(SignatureBaseString.of("GET", uri, inOrder)).isEqualTo("GET&https%3A%2F%2Fa.example%2F&"
                + "abcdefg%3Dz%26abcdefgh%3Dz%26abcdefgh1%3Dx%26abcdefgh2%3Dx%26abcdefgh2%3Dy");
        assertThat(SignatureBaseString.normalizedParameters(inOrder))
                .isEqualTo("abcdefg=z&abcdefgh=z&abcdefgh1=x&abcdefgh2=x&abcdefgh2=y");
    }
}
