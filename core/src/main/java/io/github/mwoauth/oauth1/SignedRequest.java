package io.github.mwoauth.oauth1;

/**
 * The outcome of signing: the {@code Authorization} header value and the protocol values it carries.
 *
 * @param authorizationHeader the whole header value, starting with {@code OAuth }
 * @param nonce the {@code oauth_nonce} sent (the identify step checks the JWT echoes it)
 * @param timestamp the {@code oauth_timestamp} sent, in seconds
 * @param signature the {@code oauth_signature} before percent-encoding
 */
public record SignedRequest(String authorizationHeader, String nonce, long timestamp, String signature) {
}
