package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LocalWiki's own signature check against the published examples, and a request with non-ASCII text. */
class Rfc5849SignatureTest {

    @Test
    void rfc5849Section1_2ExampleGivesItsBaseStringAndSignature() {
        URI uri = URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original");
        List<Map.Entry<String, String>> header = List.of(Map.entry("oauth_consumer_key", "dpf43f3p2l4k3l03"),
                Map.entry("oauth_token", "nnch734d00sl2jdk"), Map.entry("oauth_signature_method", "HMAC-SHA1"),
                Map.entry("oauth_timestamp", "137131202"), Map.entry("oauth_nonce", "chapoH"),
                Map.entry("oauth_signature", "MdpQcU8iPSUjWoN/UDMsK2sui9I="));

        String baseString = Rfc5849Signature.baseString("GET", uri, header);

        assertThat(baseString).isEqualTo("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg"
                + "%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method"
                + "%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal");
        assertThat(Rfc5849Signature.sign(baseString, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"))
                .isEqualTo("MdpQcU8iPSUjWoN/UDMsK2sui9I=");
        assertThat(Rfc5849Signature.matches("MdpQcU8iPSUjWoN/UDMsK2sui9I=", "GET", uri, header,
                "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")).isTrue();
        assertThat(Rfc5849Signature.matches("MdpQcU8iPSUjWoN/UDMsK2sui9I=", "GET", uri, header,
                "kd94hf93k423kf44", "pfkkdhi9sl3r4s01")).isFalse();
    }

    @Test
    void oauthCore1AppendixAExampleGivesItsBaseStringAndSignature() {
        URI uri = URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original");
        List<Map.Entry<String, String>> header = List.of(Map.entry("oauth_consumer_key", "dpf43f3p2l4k3l03"),
                Map.entry("oauth_token", "nnch734d00sl2jdk"), Map.entry("oauth_signature_method", "HMAC-SHA1"),
                Map.entry("oauth_timestamp", "1191242096"), Map.entry("oauth_nonce", "kllo9940pd9333jh"),
                Map.entry("oauth_version", "1.0"));

        String baseString = Rfc5849Signature.baseString("GET", uri, header);

        assertThat(baseString).isEqualTo("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg"
                + "%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh"
                + "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096"
                + "%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal");
        assertThat(Rfc5849Signature.sign(baseString, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"))
                .isEqualTo("tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
        assertThat(Rfc5849Signature.matches("tR3+Ty81lMeYAr/Fid0kMTYa/WM=", "get", uri, header,
                "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")).isTrue();
        assertThat(Rfc5849Signature.matches("tR3+Ty81lMeYAr/Fid0kMTYa/WM", "GET", uri, header,
                "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")).isFalse();
    }

    @Test
    void rfc5849Section3_4_1_1ExampleGivesItsBaseString() {
        // POST /request?b5=%3D%253D&a3=a&c%40=&a2=r%20b with body c2&a3=2+q; realm is not passed
        URI uri = URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        List<Map.Entry<String, String>> bodyAndHeader = List.of(Map.entry("c2", ""), Map.entry("a3", "2 q"),
                Map.entry("oauth_consumer_key", "9djdj82h48djs9d2"), Map.entry("oauth_token", "kkk9d7dh3k39sjv7"),
                Map.entry("oauth_signature_method", "HMAC-SHA1"), Map.entry("oauth_timestamp", "137131201"),
                Map.entry("oauth_nonce", "7d8f3e4a"), Map.entry("oauth_signature", "bYT5CMsGcbgUdFHObYMEfcx6bsw="));

        assertThat(Rfc5849Signature.baseString("POST", uri, bodyAndHeader)).isEqualTo("POST&http%3A%2F%2Fexample.com"
                + "%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D"
                + "%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method"
                + "%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7");
    }

    @Test
    void rfc5849Section3_4_1_2ExamplesGiveTheirBaseStringUris() {
        assertThat(Rfc5849Signature.baseStringUri(URI.create("http://EXAMPLE.COM:80/r%20v/X?id=123")))
                .isEqualTo("http://example.com/r%20v/X");
        assertThat(Rfc5849Signature.baseStringUri(URI.create("https://www.example.net:8080/?q=1")))
                .isEqualTo("https://www.example.net:8080/");
        assertThat(Rfc5849Signature.baseStringUri(URI.create("HTTPS://Wiki.Example.ORG:443")))
                .isEqualTo("https://wiki.example.org/");
        assertThat(Rfc5849Signature.baseStringUri(URI.create("http://127.0.0.1:443/w/api.php")))
                .isEqualTo("http://127.0.0.1:443/w/api.php");
    }

    @Test
    void encodeWritesUtf8BytesOfAllButUnreservedCharactersWithUpperCaseHex() {
        assertThat(Rfc5849Signature.encode("AZaz09-._~")).isEqualTo("AZaz09-._~");
        assertThat(Rfc5849Signature.encode(" !*'()+/:=?&%")).isEqualTo("%20%21%2A%27%28%29%2B%2F%3A%3D%3F%26%25");
        assertThat(Rfc5849Signature.encode("é日😀")).isEqualTo("%C3%A9%E6%97%A5%F0%9F%98%80");
    }

    /** Expected values computed by python-oauthlib 3.2.2 ({@code signature.signature_base_string}, sign_hmac_sha1). */
    @Test
    void nonAsciiRequestGivesTheBaseStringAndSignatureOfOauthlib() {
        URI uri = URI.create("HTTPS://Wiki.Example.ORG:443/w/index.php?title=Sp%C3%A9cial%3AOAuth%2Finitiate"
                + "&q=日本+😀&empty");
        List<Map.Entry<String, String>> bodyAndHeader = List.of(Map.entry("summary", "Ωmega ≈ 1 & 2"),
                Map.entry("title", "日本語"), Map.entry("oauth_consumer_key", "ck"), Map.entry("oauth_token", "tk"),
                Map.entry("oauth_signature_method", "HMAC-SHA1"), Map.entry("oauth_timestamp", "1795835636"),
                Map.entry("oauth_nonce", "n😀"), Map.entry("oauth_callback", "http://127.0.0.1:5000/cb?next=/é"),
                Map.entry("oauth_version", "1.0"));

        String baseString = Rfc5849Signature.baseString("post", uri, bodyAndHeader);

        assertThat(baseString).isEqualTo("POST&https%3A%2F%2Fwiki.example.org%2Fw%2Findex.php&empty%3D"
                + "%26oauth_callback%3Dhttp%253A%252F%252F127.0.0.1%253A5000%252Fcb%253Fnext%253D%252F%25C3%25A9"
                + "%26oauth_consumer_key%3Dck%26oauth_nonce%3Dn%25F0%259F%2598%2580%26oauth_signature_method"
                + "%3DHMAC-SHA1%26oauth_timestamp%3D1795835636%26oauth_token%3Dtk%26oauth_version%3D1.0"
                + "%26q%3D%25E6%2597%25A5%25E6%259C%25AC%2520%25F0%259F%2598%2580"
                + "%26summary%3D%25CE%25A9mega%2520%25E2%2589%2588%25201%2520%2526%25202"
                + "%26title%3D%25E6%2597%25A5%25E6%259C%25AC%25E8%25AA%259E%26title%3DSp%25C3%25A9cial%253AOAuth"
                + "%252Finitiate");
        assertThat(Rfc5849Signature.sign(baseString, "sécret+1", "tøken")).isEqualTo("SVXHSzgDauZTuaCF6pDE5Szax9c=");
        assertThat(Rfc5849Signature.matches("SVXHSzgDauZTuaCF6pDE5Szax9c=", "POST", uri, bodyAndHeader, "sécret+1",
                "tøken")).isTrue();
    }

    @Test
    void queryIsReadAsAForm() {
        assertThat(Rfc5849Signature.queryParameters(URI.create("http://h/p?a=1&&b&c=%41+%2B&d=%E6%97%A5é=")))
                .containsExactly(Map.entry("a", "1"), Map.entry("b", ""), Map.entry("c", "A +"),
                        Map.entry("d", "日é="));
        assertThat(Rfc5849Signature.queryParameters(URI.create("http://h/p"))).isEmpty();
    }
}
