package io.github.mwoauth.oauth1;

import io.github.mwoauth.http.PercentEncoding;
import java.util.Arrays;

/**
 * A protocol name or value that recurs from one signature to the next, percent-encoded once (as the
 * {@code Authorization} header carries it) and twice (as the base string carries it), so that signing copies it
 * rather than encoding it again: the {@code oauth_*} names, {@code HMAC-SHA1}, {@code 1.0}, and a client's
 * consumer key and token.
 */
final class EncodedText {

    static final EncodedText CONSUMER_KEY = new EncodedText("oauth_consumer_key");
    static final EncodedText NONCE = new EncodedText("oauth_nonce");
    static final EncodedText SIGNATURE_METHOD = new EncodedText("oauth_signature_method");
    static final EncodedText TIMESTAMP = new EncodedText("oauth_timestamp");
    static final EncodedText TOKEN = new EncodedText("oauth_token");
    static final EncodedText VERSION = new EncodedText("oauth_version");
    static final EncodedText SIGNATURE = new EncodedText("oauth_signature");
    static final EncodedText HMAC_SHA1 = new EncodedText("HMAC-SHA1");
    static final EncodedText VERSION_1_0 = new EncodedText("1.0");

    final String text;
    final byte[] once;
    final byte[] twice;

    EncodedText(String text) {
        this.text = text;
        byte[] buffer = new byte[15 * text.length()];
        this.once = Arrays.copyOf(buffer, PercentEncoding.encodeInto(text, buffer, 0));
        this.twice = Arrays.copyOf(buffer, PercentEncoding.encodeTwiceInto(text, buffer, 0));
    }

    /** {@code last} when it encodes {@code text}, else {@code text} newly encoded. */
    static EncodedText of(String text, EncodedText last) {
        return last.text.equals(text) ? last : new EncodedText(text);
    }
}
