package io.github.mwoauth.oauth1;

import io.github.mwoauth.http.FormEncoding;
import io.github.mwoauth.http.Parameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class OAuth1SignerTests {

    private static final OAuth1Credentials PHOTOS = new OAuth1Credentials("dpf43f3p2l4k3l03", "kd94hf93k423kf44",
            "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00");

    private static OAuth1Signer signerAt(long epochSecond, String nonce) {
        return new OAuth1Signer(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC), () -> nonce);
    }

    @Test
    void signWhenOAuthCoreAppendixExampleThenPublishedSignature() {
        // OAuth Core 1.0a, Appendix A.5: the photos example, which RFC 5849 carries forward.
        SignedRequest signed = signerAt(1191242096, "kllo9940pd9333jh").sign("GET",
                URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original"), List.of(), PHOTOS,
                List.of());

        assertThat(signed.signature()).isEqualTo("tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
        assertThat(signed.authorizationHeader()).startsWith("OAuth ")
                .contains("oauth_signature=\"tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D\"")
                .contains("oauth_nonce=\"kllo9940pd9333jh\"").contains("oauth_timestamp=\"1191242096\"")
                .contains("oauth_version=\"1.0\"").contains("oauth_token=\"nnch734d00sl2jdk\"");
        assertThat(signed.nonce()).isEqualTo("kllo9940pd9333jh");
        assertThat(signed.timestamp()).isEqualTo(1191242096L);
    }

    @Test
    void baseStringWhenOAuthCoreAppendixExampleThenPublishedBaseString() {
        String base = SignatureBaseString.of("GET",
                URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original"),
                List.of(Parameter.of("oauth_consumer_key", "dpf43f3p2l4k3l03"),
                        Parameter.of("oauth_token", "nnch734d00sl2jdk"),
                        Parameter.of("oauth_signature_method", "HMAC-SHA1"),
                        Parameter.of("oauth_timestamp", "1191242096"), Parameter.of("oauth_nonce", "kllo9940pd9333jh"),
                        Parameter.of("oauth_version", "1.0")));

        assertThat(base).isEqualTo("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg"
                + "%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh"
                + "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096"
                + "%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal");
    }

    @Test
    void signWhenRfc5849Section12TemporaryCredentialsThenPublishedSignature() {
        // RFC 5849 §1.2: the printer asks for temporary credentials (no oauth_version in the example).
        String base = SignatureBaseString.of("POST", URI.create("https://photos.example.net/initiate"),
                List.of(Parameter.of("oauth_consumer_key", "dpf43f3p2l4k3l03"),
                        Parameter.of("oauth_signature_method", "HMAC-SHA1"),
                        Parameter.of("oauth_timestamp", "137131200"), Parameter.of("oauth_nonce", "wIjqoS"),
                        Parameter.of("oauth_callback", "http://printer.example.com/ready")));

        assertThat(HmacSha1.sign(base, "kd94hf93k423kf44", "")).isEqualTo("74KNZJeDHnMBp0EMJ9ZHt/XKycU=");
    }

    @Test
    void signWhenRfc5849Section12ProtectedResourceThenPublishedSignature() {
        String base = SignatureBaseString.of("GET",
                URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original"),
                List.of(Parameter.of("oauth_consumer_key", "dpf43f3p2l4k3l03"),
                        Parameter.of("oauth_token", "nnch734d00sl2jdk"),
                        Parameter.of("oauth_signature_method", "HMAC-SHA1"),
                        Parameter.of("oauth_timestamp", "137131202"), Parameter.of("oauth_nonce", "chapoH")));

        assertThat(HmacSha1.sign(base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"))
                .isEqualTo("MdpQcU8iPSUjWoN/UDMsK2sui9I=");
    }

    @Test
    void baseStringWhenRfc5849Section3411ExampleThenPublishedBaseString() {
        // RFC 5849 §3.4.1.1: query and form parameters together, repeated names, empty values; the header's
        // realm="Example" is not signed, so it is not passed.
        String base = SignatureBaseString.of("POST",
                URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"),
                List.of(Parameter.of("oauth_consumer_key", "9djdj82h48djs9d2"),
                        Parameter.of("oauth_token", "kkk9d7dh3k39sjv7"),
                        Parameter.of("oauth_signature_method", "HMAC-SHA1"),
                        Parameter.of("oauth_timestamp", "137131201"), Parameter.of("oauth_nonce", "7d8f3e4a"),
                        Parameter.of("oauth_signature", "ignored")).stream()
                        .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(),
                                l -> {
                                    l.addAll(FormEncoding.parse("c2&a3=2+q"));
                                    return l;
                                })));

        assertThat(base).isEqualTo("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q"
                + "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2"
                + "%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201"
                + "%26oauth_token%3Dkkk9d7dh3k39sjv7");
    }

    @Test
    void signWhenRealmInQueryAndBodyThenBothAreSigned() {
        // RFC 5849 §3.4.1.3.1 leaves out only the Authorization header's realm; python-oauthlib 3 computes
        // XzCFSyqmPV6FupdBpxoRh8mE+WY= for this request (collect_parameters, normalize_parameters, sign_hmac_sha1).
        SignedRequest signed = signerAt(1700000000, "n0nce").sign("POST",
                URI.create("https://wiki.example.org/w/api.php?realm=q&action=query"),
                List.of(Parameter.of("realm", "b"), Parameter.of("title", "X")),
                new OAuth1Credentials("ck", "cs", "tk", "ts"), List.of());

        assertThat(signed.signature()).isEqualTo("XzCFSyqmPV6FupdBpxoRh8mE+WY=");
        assertThat(SignatureBaseString.of("POST", URI.create("https://wiki.example.org/w/api.php?realm=q"),
                List.of(Parameter.of("realm", "b"))))
                .isEqualTo("POST&https%3A%2F%2Fwiki.example.org%2Fw%2Fapi.php&realm%3Db%26realm%3Dq");
    }

    @Test
    void randomNonceWhenManyOnOneThreadThenAllDistinctAndNoneZero() throws Exception {
        java.util.Set<String> nonces = new java.util.HashSet<>();
        // a fresh thread: its pool is filled at the first nonce, then again after each 32
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 200; i++) {
                String nonce = OAuth1Signer.randomNonce();
                assertThat(nonce).hasSize(32).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
                nonces.add(nonce);
            }
        }, r -> new Thread(r).start()).get();

        assertThat(nonces).hasSize(200);
    }

    @Test
    void baseUriWhenSchemeHostUpperCaseAndDefaultPortThenNormalised() {
        assertThat(SignatureBaseString.baseUri(URI.create("HTTP://EXAMPLE.COM:80/r%20v/X?id=123")))
                .isEqualTo("http://example.com/r%20v/X");
        assertThat(SignatureBaseString.baseUri(URI.create("https://www.example.net:8080/?q=1")))
                .isEqualTo("https://www.example.net:8080/");
        assertThat(SignatureBaseString.baseUri(URI.create("https://Example.org:443")))
                .isEqualTo("https://example.org/");
        assertThat(SignatureBaseString.baseUri(URI.create("http://127.0.0.1:8080/w/index.php?title=x")))
                .isEqualTo("http://127.0.0.1:8080/w/index.php");
    }

    @Test
    void signWhenMediaWikiTitleQueryThenTitleIsSignedDecoded() {
        OAuth1Credentials consumer = OAuth1Credentials.consumerOnly("ck", "cs");
        String base = SignatureBaseString.of("POST",
                URI.create("http://127.0.0.1:8080/w/index.php?title=Special%3AOAuth%2Finitiate"),
                List.of(Parameter.of("oauth_callback", "oob")));

        assertThat(base).isEqualTo("POST&http%3A%2F%2F127.0.0.1%3A8080%2Fw%2Findex.php"
                + "&oauth_callback%3Doob%26title%3DSpecial%253AOAuth%252Finitiate");
        assertThat(consumer.toString()).doesNotContain("cs");
    }

    @Test
    void signWhenNonProtocolExtraParameterThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new OAuth1Signer().sign("GET",
                URI.create("http://example.com/"), List.of(), OAuth1Credentials.consumerOnly("k", "s"),
                List.of(Parameter.of("callback", "oob"))));
    }

    @Test
    void signWhenDefaultSignerThenFreshRandomNonceAndCurrentTime() {
        OAuth1Signer signer = new OAuth1Signer();
        long before = Instant.now().getEpochSecond();
        SignedRequest a = signer.sign("GET", URI.create("http://example.com/"), List.of(),
                OAuth1Credentials.consumerOnly("k", "s"), List.of());
        SignedRequest b = signer.sign("GET", URI.create("http://example.com/"), List.of(),
                OAuth1Credentials.consumerOnly("k", "s"), List.of());

        assertThat(a.nonce()).matches("[0-9a-f]{32}").isNotEqualTo(b.nonce());
        assertThat(a.timestamp()).isBetween(before, Instant.now().getEpochSecond());
        assertThat(a.signature()).isNotEqualTo(b.signature());
    }

    @Test
    void hmacWhenTokenSecretEmptyThenKeyKeepsAmpersand() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec("c%26s&".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "HmacSHA1"));
        String expected = java.util.Base64.getEncoder()
                .encodeToString(mac.doFinal("base".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(HmacSha1.sign("base", "c&s", "")).isEqualTo(expected);
        assertThat(HmacSha1.matches(expected, HmacSha1.sign("base", "c&s", ""))).isTrue();
        assertThat(HmacSha1.matches(expected, HmacSha1.sign("base", "c&s", "x"))).isFalse();
    }
}
