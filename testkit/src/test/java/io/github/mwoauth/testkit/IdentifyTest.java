package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.MACVerifier;
import io.github.mwoauth.oauth1.AccessToken;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Special:OAuth/identify (§4). */
class IdentifyTest extends WikiTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    IdentifyTest() {
        super(MutableClock.at(Instant.parse("2026-11-28T03:12:33Z")));
    }

    static JsonNode payload(String jwt) {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.propertyNames().forEach(out::add);
        return out;
    }

    @Test
    void identifyWhenValidThenBareJwtWithClaimsInOrder() throws Exception {
        AccessToken token = f.handshake(f.prefix, "Alice");
        WireClient.Response r = client.signedPost(f.identifyUrl(), Fixtures.withToken(f.prefix, token));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json");
        String jwt = r.body();
        assertThat(jwt).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8))
                .isEqualTo("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
        assertThat(JWSObject.parse(jwt).verify(new MACVerifier(f.prefix.secret().getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        JsonNode claims = payload(jwt);
        assertThat(names(claims)).containsExactly("iss", "aud", "exp", "iat", "sub", "username", "editcount",
                "confirmed_email", "blocked", "registered", "groups", "rights", "grants", "nonce");
        long now = clock.instant().getEpochSecond();
        assertThat(claims.get("iss").asString()).isEqualTo(f.wiki.server());
        assertThat(claims.get("aud").asString()).isEqualTo(f.prefix.key());
        assertThat(claims.get("iat").isIntegralNumber()).isTrue();
        assertThat(claims.get("iat").asLong()).isEqualTo(now);
        assertThat(claims.get("exp").asLong()).isEqualTo(now + 100);
        assertThat(claims.get("sub").isString()).isTrue();
        assertThat(claims.get("sub").asString()).isEqualTo(Long.toString(f.wiki.user("Alice").id()));
        assertThat(claims.get("username").asString()).isEqualTo("Alice");
        assertThat(claims.get("editcount").isIntegralNumber()).isTrue();
        assertThat(claims.get("confirmed_email").isBoolean()).isTrue();
        assertThat(claims.get("blocked").isBoolean()).isTrue();
        assertThat(claims.get("registered").asString()).isEqualTo("20261128031233");
        assertThat(claims.get("groups").isArray()).isTrue();
        assertThat(claims.get("groups").get(0).asString()).isEqualTo("*");
        assertThat(claims.get("rights").toString()).contains("\"read\"", "\"createaccount\"");
        assertThat(claims.get("grants").toString()).isEqualTo("[\"basic\",\"editpage\",\"highvolume\"]");
        assertThat(claims.has("nbf")).isFalse();
        assertThat(claims.has("jti")).isFalse();
    }

    @Test
    void identifyWhenNonceSentThenEchoed() {
        AccessToken token = f.handshake(f.prefix, "Alice");
        String url = f.wiki.server() + "/wiki/Special:OAuth/identify";
        String header = client.sign("GET", url, List.of(), Fixtures.withToken(f.prefix, token));
        String nonce = header.replaceAll(".*oauth_nonce=\"([^\"]+)\".*", "$1");
        assertThat(payload(client.get(url, "Authorization", header).body()).get("nonce").asString()).isEqualTo(nonce);
    }

    @Test
    void identifyWhenIdentityOnlyThenRealnameAndEmailBeforeNonce() {
        AccessToken token = f.handshake(f.identityOnly, "Alice");
        JsonNode claims = payload(client.signedPost(f.identifyUrl(), Fixtures.withToken(f.identityOnly, token))
                .body());
        assertThat(names(claims)).endsWith("grants", "realname", "email", "nonce");
        assertThat(claims.get("realname").asString()).isEqualTo("Alice Liddell");
        assertThat(claims.get("email").asString()).isEqualTo("alice@example.org");
        assertThat(claims.get("grants").toString()).isEqualTo("[\"mwoauth-authonlyprivate\"]");
    }

    @Test
    void identifyWhenUnknownOrRevokedOrOtherConsumersTokenThenNoGrantJson() {
        String expected = "{\"error\":\"mwoauthdatastore-access-token-not-found\",\"message\":\"No approved grant was "
                + "found for that authorization token.\"}";
        AccessToken token = f.handshake(f.prefix, "Alice");
        WireClient.Response unknown = client.signedPost(f.identifyUrl(), Fixtures.withToken(f.prefix, "0".repeat(32),
                "0".repeat(40)));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.contentType()).isEqualTo("application/json");
        assertThat(unknown.body()).isEqualTo(expected);
        assertThat(client.signedPost(f.identifyUrl(), Fixtures.withToken(f.oob, token)).body()).isEqualTo(expected);
        f.wiki.revoke("Alice", f.prefix);
        assertThat(client.signedPost(f.identifyUrl(), Fixtures.withToken(f.prefix, token)).body()).isEqualTo(expected);
    }

    @Test
    void identifyWhenWrongTokenSecretThenInvalidSignatureJson() {
        AccessToken token = f.handshake(f.prefix, "Alice");
        WireClient.Response r = client.signedPost(f.identifyUrl(), Fixtures.withToken(f.prefix, token.key(),
                "0".repeat(40)));
        assertThat(r.body()).isEqualTo("{\"error\":\"mwoauth-oauth-exception\",\"message\":\"An error occurred in "
                + "the OAuth protocol: Invalid signature\"}");
    }
}
