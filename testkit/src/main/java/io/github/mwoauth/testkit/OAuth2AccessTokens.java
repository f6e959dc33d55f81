package io.github.mwoauth.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigDecimal;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The wiki's OAuth 2.0 access tokens: RS256 JWTs as league's server issues them, and the row the wiki keeps for
 * each, where expiry and revocation are decided (not by the JWT alone).
 */
final class OAuth2AccessTokens {

    /** An access token the wiki remembers; expiry and revocation are decided here, not by the JWT alone. */
    static final class Row {
        final String jti;
        final String clientId;
        final String user;
        final List<String> scopes;
        volatile Instant expires;
        volatile boolean revoked;

        Row(String jti, String clientId, String user, List<String> scopes, Instant expires) {
            this.jti = jti;
            this.clientId = clientId;
            this.user = user;
            this.scopes = List.copyOf(scopes);
            this.expires = expires;
        }
    }

    private final WikiState state;
    private final String server;
    private final RSAKey key;
    private final RSASSASigner signer;
    private final RSASSAVerifier verifier;
    private final Map<String, Row> rows = new ConcurrentHashMap<>();

    /** Generates the signing key on the caller's thread and signs once, so no request reads the entropy device. */
    OAuth2AccessTokens(WikiState state, String server) {
        this.state = state;
        this.server = server;
        try {
            this.key = new RSAKeyGenerator(2048).keyID(Texts.randomHex(16)).generate();
            this.signer = new RSASSASigner(key);
            this.verifier = new RSASSAVerifier(key.toRSAPublicKey());
            sign(new JWTClaimsSet.Builder().jwtID("warm-up").build());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot create the OAuth 2.0 signing key", e);
        }
    }

    RSAKey publicKey() {
        return key.toPublicJWK();
    }

    record Issued(String jti, String token) {
    }

    /**
     * The wiki's access token JWT: aud, jti, iat, nbf, exp, sub, scopes and iss (the server); RS256. As on the wire,
     * {@code iat}, {@code nbf} and {@code exp} are seconds with a fraction ({@code 1796220252.808397}).
     */
    Issued issue(String clientId, String user, List<String> scopes, Duration lifetime) {
        WikiState.UserState u = state.requireUser(user);
        Instant now = state.now();
        String jti = Texts.randomHex(80);
        Instant exp = now.plus(lifetime);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().audience(clientId).jwtID(jti).claim("iat", seconds(now))
                .claim("nbf", seconds(now)).claim("exp", seconds(exp)).subject(Long.toString(u.base.id()))
                .claim("scopes", scopes).issuer(server).build();
        rows.put(jti, new Row(jti, clientId, u.base.name(), scopes, exp));
        return new Issued(jti, sign(claims));
    }

    /** Epoch seconds with six decimals, as PHP's {@code microtime(true)} gives them. */
    private static BigDecimal seconds(Instant t) {
        return BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano() / 1000, 6));
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the access token", e);
        }
        return jwt.serialize();
    }

    /** Checks a bearer token as league's BearerTokenValidator does, then the wiki's own row (expiry, revocation). */
    OAuth2Server.Bearer check(@Nullable String token) {
        if (token == null || token.isEmpty()) {
            return new OAuth2Server.Bearer(null, List.of(), false, "Missing \"Authorization\" header");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
            if (!jwt.verify(verifier)) {
                return new OAuth2Server.Bearer(null, List.of(), false, "Access token could not be verified");
            }
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return new OAuth2Server.Bearer(null, List.of(), false, "The JWT string must have two dots");
        }
        String jti;
        try {
            jti = jwt.getJWTClaimsSet().getJWTID();
        } catch (ParseException e) {
            return new OAuth2Server.Bearer(null, List.of(), false, "Access token could not be verified");
        }
        Row row = jti == null ? null : rows.get(jti);
        if (row == null) {
            return new OAuth2Server.Bearer(null, List.of(), false, "Access token could not be verified");
        }
        if (row.revoked) {
            return new OAuth2Server.Bearer(null, List.of(), false, "Access token has been revoked");
        }
        if (!state.now().isBefore(row.expires)) {
            return new OAuth2Server.Bearer(null, List.of(), true, "Access token could not be verified");
        }
        WikiState.UserState user = state.user(row.user);
        if (user == null) {
            return new OAuth2Server.Bearer(null, List.of(), false, "Access token could not be verified");
        }
        return new OAuth2Server.Bearer(user, row.scopes, false, null);
    }

    /** Revokes the access token {@code jti} (its refresh token was used). */
    void revoke(String jti) {
        Row row = rows.get(jti);
        if (row != null) {
            row.revoked = true;
        }
    }

    /** Revokes every live access token of {@code user} for {@code clientId}; answers whether there was any. */
    boolean revoke(String user, String clientId) {
        boolean any = false;
        for (Row row : rows.values()) {
            if (row.user.equals(user) && row.clientId.equals(clientId) && !row.revoked) {
                row.revoked = true;
                any = true;
            }
        }
        return any;
    }

    /** Makes every live access token of {@code user} expire now; answers how many. */
    int expire(String user) {
        Instant now = state.now();
        int n = 0;
        for (Row row : rows.values()) {
            if (row.user.equals(user) && !row.revoked && now.isBefore(row.expires)) {
                row.expires = now;
                n++;
            }
        }
        return n;
    }
}
