package io.github.mwoauth.oauth1;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
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
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 16;
    /** Each thread draws its nonces' bytes from the DRBG 32 nonces at a time, not one DRBG call per nonce. */
    private static final ThreadLocal<RandomPool> NONCE_POOLS = ThreadLocal.withInitial(RandomPool::new);

    private static final String SIGNATURE_METHOD = "HMAC-SHA1";
    private static final String VERSION = "1.0";

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
        private final byte[] hex = new byte[2 * NONCE_BYTES];
        private int next = bytes.length;

        String nextHex() {
            if (next == bytes.length) {
                RANDOM.nextBytes(bytes);
                next = 0;
            }
            for (int i = 0; i < NONCE_BYTES; i++) {
                int octet = bytes[next + i] & 0xFF;
                bytes[next + i] = 0;
                hex[2 * i] = HEX_DIGITS[octet >> 4];
                hex[2 * i + 1] = HEX_DIGITS[octet & 0xF];
            }
            next += NONCE_BYTES;
            return new String(hex, StandardCharsets.US_ASCII);
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
        for (int i = 0; i < extraProtocolParameters.size(); i++) {
            String name = extraProtocolParameters.get(i).name();
            if (!name.startsWith("oauth_")) {
                throw new IllegalArgumentException("not a protocol parameter: " + name);
            }
        }
        String nonce = nonces.get();
        long timestamp = Math.floorDiv(clock.millis(), 1000L);
        String time = Long.toString(timestamp);
        String token = credentials.token();
        SignatureBaseString.Bytes baseString = SignatureBaseString.Bytes.start(uri, 7 + formParameters.size()
                + extraProtocolParameters.size());
        baseString.add("oauth_consumer_key", credentials.consumerKey()).add("oauth_nonce", nonce)
                .add("oauth_signature_method", SIGNATURE_METHOD).add("oauth_timestamp", time);
        if (token != null) {
            baseString.add("oauth_token", token);
        }
        baseString.add("oauth_version", VERSION);
        baseString.add(extraProtocolParameters);
        baseString.add(formParameters);
        baseString.finish(method, uri);
        String signature = HmacSha1.sign(baseString.data, baseString.length, credentials.consumerSecret(),
                credentials.tokenSecret());
        AuthorizationHeader.Writer header = AuthorizationHeader.Writer.start()
                .add("oauth_consumer_key", credentials.consumerKey()).add("oauth_nonce", nonce)
                .add("oauth_signature_method", SIGNATURE_METHOD).add("oauth_timestamp", time);
        if (token != null) {
            header.add("oauth_token", token);
        }
        header.add("oauth_version", VERSION);
        for (int i = 0; i < extraProtocolParameters.size(); i++) {
            header.add(extraProtocolParameters.get(i).name(), extraProtocolParameters.get(i).value());
        }
        header.add("oauth_signature", signature);
        return new SignedRequest(header.finish(), nonce, timestamp, signature);
    }
}
