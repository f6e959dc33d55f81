package io.github.mwoauth;

import io.github.mwoauth.oauth1.IdentityVerifier;
import io.github.mwoauth.IdentityVerificationException;
import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.TestJwts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.mwoauth.IdentityVerificationException.Check;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class IdentityVerifierTests {

    private static final Instant NOW = Instant.parse("2026-11-28T03:12:40Z");

    private final IdentityVerifier verifier = new IdentityVerifier(TestJwts.CONSUMER, TestJwts.ISSUER,
            Duration.ofSeconds(10), Clock.fixed(NOW, ZoneOffset.UTC));

    private String valid(UnaryOperator<JWTClaimsSet.Builder> change) {
        return TestJwts.hs256(change.apply(TestJwts.claims(NOW.minusSeconds(1))).build());
    }

    private void assertRejected(String jwt, Check check) {
        assertThatExceptionOfType(IdentityVerificationException.class)
                .isThrownBy(() -> verifier.verify(jwt, TestJwts.NONCE))
                .satisfies(e -> assertThat(e.check()).isEqualTo(check))
                .withMessageContaining(check.name());
    }

    @Test
    void verifyWhenWikiShapedJwtThenIdentity() {
        MediaWikiIdentity identity = verifier.verify(valid(b -> b), TestJwts.NONCE);

        assertThat(identity.username()).isEqualTo("Alice");
        assertThat(identity.sub()).isEqualTo("4");
        assertThat(identity.groups()).containsExactly("*", "user", "autoconfirmed");
        assertThat(identity.rights()).containsExactly("read", "edit");
        assertThat(identity.grants()).containsExactly("basic", "editpage");
        assertThat(identity.editCount()).isEqualTo(12);
        assertThat(identity.confirmedEmail()).isTrue();
        assertThat(identity.blocked()).isFalse();
        assertThat(identity.registered()).isEqualTo(Instant.parse("2026-11-28T03:12:33Z"));
        assertThat(identity.claims()).containsEntry("iss", TestJwts.ISSUER).containsKey("nonce");
        assertThat(identity.realName()).isNull();
    }

    @Test
    void verifyWhenHiddenUserWithoutUsernameThenIdentityWithSubOnly() {
        MediaWikiIdentity identity = verifier.verify(valid(b -> b.claim("username", null)), TestJwts.NONCE);

        assertThat(identity.username()).isNull();
        assertThat(identity.displayName()).isEqualTo("#4");
    }

    @Test
    void verifyWhenAuthOnlyPrivateThenRealNameAndEmail() {
        MediaWikiIdentity identity = verifier.verify(
                valid(b -> b.claim("realname", "Alice A.").claim("email", "alice@example.org")), TestJwts.NONCE);

        assertThat(identity.realName()).isEqualTo("Alice A.");
        assertThat(identity.email()).isEqualTo("alice@example.org");
    }

    @Test
    void verifyWhenSkewWithinAllowanceThenAccepted() {
        assertThat(verifier.verify(TestJwts.hs256(TestJwts.claims(NOW.plusSeconds(9)).build()), TestJwts.NONCE))
                .isNotNull();
        assertThat(verifier.verify(TestJwts.hs256(TestJwts.claims(NOW.minusSeconds(109)).build()), TestJwts.NONCE))
                .isNotNull();
    }

    @Test
    void verifyWhenNotAJwtThenMalformed() {
        assertRejected("not a jwt", Check.MALFORMED);
        assertRejected("", Check.MALFORMED);
        String jwt = valid(b -> b);
        assertRejected(jwt.substring(0, jwt.lastIndexOf('.') - 5), Check.MALFORMED);
    }

    @Test
    void verifyWhenAlgNoneThenAlgorithm() {
        assertRejected(new PlainJWT(TestJwts.claims(NOW).build()).serialize(), Check.ALGORITHM);
    }

    @Test
    void verifyWhenHs512ThenAlgorithm() {
        String secret = TestJwts.CONSUMER.secret() + TestJwts.CONSUMER.secret();
        assertRejected(TestJwts.sign(TestJwts.claims(NOW).build(), JWSAlgorithm.HS512, secret), Check.ALGORITHM);
    }

    @Test
    void verifyWhenRs256ThenAlgorithm() throws JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), TestJwts.claims(NOW).build());
        jwt.sign(new RSASSASigner(key));
        assertRejected(jwt.serialize(), Check.ALGORITHM);
    }

    @Test
    void verifyWhenSignedWithAnotherSecretThenSignature() {
        assertRejected(TestJwts.sign(TestJwts.claims(NOW).build(), JWSAlgorithm.HS256,
                "0000000000000000000000000000000000000000"), Check.SIGNATURE);
    }

    @Test
    void verifyWhenPayloadSwappedThenSignature() {
        String[] parts = valid(b -> b).split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(TestJwts.claims(NOW)
                .claim("username", "Mallory").build().toString().getBytes(StandardCharsets.UTF_8));
        assertRejected(parts[0] + "." + forged + "." + parts[2], Check.SIGNATURE);
    }

    @Test
    void verifyWhenWrongAudienceThenAudience() {
        assertRejected(valid(b -> b.audience("someone-else")), Check.AUDIENCE);
        assertRejected(valid(b -> b.audience((String) null)), Check.AUDIENCE);
    }

    @Test
    void verifyWhenWrongIssuerThenIssuer() {
        assertRejected(valid(b -> b.issuer("https://evil.example")), Check.ISSUER);
        assertRejected(valid(b -> b.issuer("https://meta.wikimedia.org/")), Check.ISSUER);
        assertRejected(valid(b -> b.issuer("http://meta.wikimedia.org")), Check.ISSUER);
    }

    @Test
    void verifyWhenExpiredThenExpiration() {
        assertRejected(TestJwts.hs256(TestJwts.claims(NOW.minusSeconds(111)).build()), Check.EXPIRATION);
    }

    @Test
    void verifyWhenIssuedInTheFutureThenIssuedAt() {
        assertRejected(TestJwts.hs256(TestJwts.claims(NOW.plusSeconds(11)).build()), Check.ISSUED_AT);
    }

    @Test
    void verifyWhenNonceDiffersThenNonce() {
        assertRejected(valid(b -> b.claim("nonce", "another")), Check.NONCE);
    }

    @Test
    void verifyWhenRequiredClaimMissingThenMissingClaim() {
        assertRejected(valid(b -> b.claim("nonce", null)), Check.MISSING_CLAIM);
        assertRejected(valid(b -> b.subject(null)), Check.MISSING_CLAIM);
        assertRejected(valid(b -> b.issuer(null)), Check.MISSING_CLAIM);
        assertRejected(valid(b -> b.expirationTime(null)), Check.MISSING_CLAIM);
        assertRejected(valid(b -> b.issueTime(null)), Check.MISSING_CLAIM);
        assertRejected(valid(b -> b.claim("sub", 4)), Check.MISSING_CLAIM);
    }

    @Test
    void verifyWhenClaimMissingOrOfAnotherTypeThenTheMessageSaysWhich() {
        assertThatExceptionOfType(IdentityVerificationException.class)
                .isThrownBy(() -> verifier.verify(valid(b -> b.subject(null)), TestJwts.NONCE))
                .withMessageContaining("claim 'sub' is missing");
        assertThatExceptionOfType(IdentityVerificationException.class)
                .isThrownBy(() -> verifier.verify(valid(b -> b.claim("sub", 4)), TestJwts.NONCE))
                .withMessageContaining("claim 'sub' is not a string");
        assertThatExceptionOfType(IdentityVerificationException.class)
                .isThrownBy(() -> verifier.verify(valid(b -> b.expirationTime(null)), TestJwts.NONCE))
                .withMessageContaining("claim 'exp' is missing");
        assertThatExceptionOfType(IdentityVerificationException.class)
                .isThrownBy(() -> verifier.verify(valid(b -> b.issueTime(null)), TestJwts.NONCE))
                .withMessageContaining("claim 'iat' is missing");
    }

    @Test
    void verifyWhenDateClaimNotANumberThenMalformed() {
        assertRejected(valid(b -> b.claim("exp", "tomorrow")), Check.MALFORMED);
        assertRejected(valid(b -> b.claim("iat", "now")), Check.MALFORMED);
    }
}
