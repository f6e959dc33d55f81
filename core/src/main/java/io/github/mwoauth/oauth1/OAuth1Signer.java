package io.github.mwoauth.oauth1;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Signs HTTP requests with OAuth 1.0a HMAC-SHA1 (RFC 5849) and writes the {@code Authorization: OAuth}
 * header (§3.5.1). Thread-safe and immutable; time comes from the injected {@link Clock} and nonces from
 * {@link SecureRandom} unless another source is given.
 */
public final class OAuth1Signer {

    /**
     * A DRBG seeded once, when this class is initialised: later nonces are computed in memory, so signing never
     * reads the OS entropy device on an event-loop thread.
     */
    private static final SecureRandom RANDOM = seededDrbg();
    private static final HexFormat HEX = HexFormat.of();
    private static final int NONCE_BYTES = 16;
    /** Each thread draws its nonces' bytes from the DRBG 32 nonces at a time, not one DRBG call per nonce. */
    private static final ThreadLocal<RandomPool> NONCE_POOLS = ThreadLocal.withInitial(RandomPool::new);

    private final Clock clock;
    private final Supplier<String> nonces;

    /** A signer on the system clock with 128-bit random nonces. */
    public OAuth1Signer() {
        this(Clock.systemUTC());
    }

    public OAuth1Signer(Clock clock) {
        this(clock, OAuth1Signer::randomNonce);
    }

    public OAuth1Signer(Clock clock, Supplier<String> nonces) {
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
        this.nonces = Objects.requireNonNull(nonces, "nonces cannot be null");
    }

    private static SecureRandom seededDrbg() {
        SecureRandom random;
        try {
            random = SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            random = new SecureRandom();
        }
        random.nextBytes(new byte[16]);
        return random;
    }

    /** 32 lower-case hex characters from {@link SecureRandom}. */
    public static String randomNonce() {
        return NONCE_POOLS.get().nextHex();
    }

    /** Bytes drawn from the DRBG in blocks, each handed out once and then zeroed. */
    private static final class RandomPool {

        private final byte[] bytes = new byte[32 * NONCE_BYTES];
        private int next = bytes.length;

        String nextHex() {
            if (next == bytes.length) {
                RANDOM.nextBytes(bytes);
                next = 0;
            }
            String hex = HEX.formatHex(bytes, next, next + NONCE_BYTES);
            Arrays.fill(bytes, next, next + NONCE_BYTES, (byte) 0);
            next += NONCE_BYTES;
            return hex;
        }
    }

    /**
     * Signs a request.
     *
     * @param method the HTTP method
     * @param uri the exact URI that will be requested (its query is signed)
     * @param formParameters the fields of an {@code application/x-www-form-urlencoded} body, which are
     *     signed; pass an empty list for other bodies (multipart bodies are never signed, §3.4.1.3.1)
     * @param credentials the consumer and, when present, the token
     * @param extraProtocolParameters further {@code oauth_*} parameters, such as {@code oauth_callback} or
     *     {@code oauth_verifier}
     */
    public SignedRequest sign(String method, URI uri, List<Parameter> formParameters, OAuth1Credentials credentials,
            List<Parameter> extraProtocolParameters) {
        String nonce = nonces.get();
        long timestamp = clock.instant().getEpochSecond();
        List<Parameter> protocol = new ArrayList<>(7 + extraProtocolParameters.size());
        protocol.add(new Parameter("oauth_consumer_key", credentials.consumerKey()));
        protocol.add(new Parameter("oauth_nonce", nonce));
        protocol.add(new Parameter("oauth_signature_method", "HMAC-SHA1"));
        protocol.add(new Parameter("oauth_timestamp", Long.toString(timestamp)));
        if (credentials.token() != null) {
            protocol.add(new Parameter("oauth_token", credentials.token()));
        }
        protocol.add(new Parameter("oauth_version", "1.0"));
        for (Parameter extra : extraProtocolParameters) {
            if (!extra.name().startsWith("oauth_")) {
                throw new IllegalArgumentException("not a protocol parameter: " + extra.name());
            }
            protocol.add(extra);
        }
        SignatureBaseString.Bytes baseString = SignatureBaseString.write(method, uri, protocol, formParameters);
        String signature = HmacSha1.sign(baseString.data, baseString.length, credentials.consumerSecret(),
                credentials.tokenSecret());
        protocol.add(new Parameter("oauth_signature", signature));
        return new SignedRequest(AuthorizationHeader.write(protocol), nonce, timestamp, signature);
    }
}
