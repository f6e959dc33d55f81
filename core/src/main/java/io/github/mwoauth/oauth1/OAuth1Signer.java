package io.github.mwoauth.oauth1;

import io.github.mwoauth.http.Parameter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

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

    private static final ThreadLocal<LastKeys> LAST_KEYS = ThreadLocal.withInitial(LastKeys::new);

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
     * A thread's consumer key and token of its last signature, encoded: a client signs with the same consumer, and
     * often the same token, again and again.
     */
    private static final class LastKeys {

        private EncodedText consumerKey = new EncodedText("");
        private EncodedText token = consumerKey;

        EncodedText consumerKey(String key) {
            consumerKey = EncodedText.of(key, consumerKey);
            return consumerKey;
        }

        EncodedText token(String token) {
            this.token = EncodedText.of(token, this.token);
            return this.token;
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
        LastKeys keys = LAST_KEYS.get();
        EncodedText consumerKey = keys.consumerKey(credentials.consumerKey());
        String tokenText = credentials.token();
        @Nullable EncodedText token = tokenText == null ? null : keys.token(tokenText);
        SignatureBaseString.Bytes baseString = baseString(method, uri, consumerKey, nonce, time, token,
                extraProtocolParameters, formParameters);
        String signature = HmacSha1.sign(baseString.data, baseString.length, credentials.consumerSecret(),
                credentials.tokenSecret());
        String header = header(consumerKey, nonce, time, token, extraProtocolParameters, signature);
        return new SignedRequest(header, nonce, timestamp, signature);
    }

    /** The base string, in this thread's buffer, of a request with these protocol parameters and form fields. */
    static SignatureBaseString.Bytes baseString(String method, URI uri, EncodedText consumerKey, String nonce,
            String timestamp, @Nullable EncodedText token, List<Parameter> extras, List<Parameter> form) {
        SignatureBaseString.Bytes out = SignatureBaseString.Bytes.start(uri);
        out.add(EncodedText.CONSUMER_KEY, consumerKey).add(EncodedText.NONCE, nonce)
                .add(EncodedText.SIGNATURE_METHOD, EncodedText.HMAC_SHA1).add(EncodedText.TIMESTAMP, timestamp);
        if (token != null) {
            out.add(EncodedText.TOKEN, token);
        }
        out.add(EncodedText.VERSION, EncodedText.VERSION_1_0);
        out.add(extras);
        out.add(form);
        return out.finish(method, uri);
    }

    /** The {@code Authorization} header carrying these protocol parameters and the signature. */
    static String header(EncodedText consumerKey, String nonce, String timestamp, @Nullable EncodedText token,
            List<Parameter> extras, String signature) {
        AuthorizationHeader.Writer out = AuthorizationHeader.Writer.start().add(EncodedText.CONSUMER_KEY, consumerKey)
                .add(EncodedText.NONCE, nonce).add(EncodedText.SIGNATURE_METHOD, EncodedText.HMAC_SHA1)
                .add(EncodedText.TIMESTAMP, timestamp);
        if (token != null) {
            out.add(EncodedText.TOKEN, token);
        }
        out.add(EncodedText.VERSION, EncodedText.VERSION_1_0);
        for (int i = 0; i < extras.size(); i++) {
            out.add(extras.get(i).name(), extras.get(i).value());
        }
        return out.add(EncodedText.SIGNATURE, signature).finish();
    }
}
