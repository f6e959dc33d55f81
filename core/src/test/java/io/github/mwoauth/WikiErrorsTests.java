package io.github.mwoauth;

import io.github.mwoauth.http.WikiErrors;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WikiErrorsTests {

    @Test
    void handshakeTextWhenEscapedQuotesThenDecoded() {
        HandshakeException e = WikiErrors.handshakeText("initiate",
                "Error: oauth_callback must be set, and must be set to &quot;oob&quot; (case-sensitive)");

        assertThat(e.wikiMessage()).isEqualTo("oauth_callback must be set, and must be set to \"oob\" (case-sensitive)");
        assertThat(e.errorCode()).isNull();
        assertThat(e.step()).isEqualTo("initiate");
        assertThat(e.getMessage()).contains("initiate").contains("\"oob\"");
    }

    @Test
    void handshakeTextWhenReusedVerifierThenPlainTextAndE009() {
        String body = "Error: This request has already been completed and cannot be resubmitted.\n"
                + "Go back to the application and try to connect your account again, or contact the application author.\n\n"
                + "&lt;span class=&quot;plainlinks mw-mwoautherror-details&quot;&gt;OAuth token already used, "
                + "<a class=\"external\" href=\"https://www.mediawiki.org/wiki/Help:OAuth/Errors#E009\">E009</a>&lt;/span&gt;";

        HandshakeException e = WikiErrors.handshakeText("token", body);

        assertThat(e.errorCode()).isEqualTo("E009");
        assertThat(e.wikiMessage()).startsWith("This request has already been completed")
                .endsWith("OAuth token already used, E009").doesNotContain("<").doesNotContain("&lt;");
    }

    @Test
    void handshakeTextWhenApostropheEntityThenDecoded() {
        HandshakeException e = WikiErrors.handshakeText("initiate", "Error: An error occurred in the OAuth protocol: "
                + "Signature method &#039;PLAINTEXT&#039; not supported try one of the following: HMAC-SHA1, RSA-SHA1");

        assertThat(e.wikiMessage()).contains("'PLAINTEXT'");
    }

    @Test
    void handshakeJsonWhenErrorAndMessageThenKeyKept() {
        RuntimeException e = WikiErrors.handshakeJson("identify", "{\"error\":\"mwoauthdatastore-access-token-not-found\","
                + "\"message\":\"No approved grant was found for that authorization token.\"}");

        assertThat(e).isInstanceOfSatisfying(HandshakeException.class, h -> {
            assertThat(h.messageKey()).isEqualTo("mwoauthdatastore-access-token-not-found");
            assertThat(h.wikiMessage()).isEqualTo("No approved grant was found for that authorization token.");
        });
    }

    @Test
    void handshakeJsonWhenGarbageThenMalformedResponse() {
        assertThat(WikiErrors.handshakeJson("identify", "{not json")).isInstanceOfSatisfying(
                WikiUnavailableException.class,
                w -> assertThat(w.kind()).isEqualTo(WikiUnavailableException.Kind.MALFORMED_RESPONSE));
        assertThat(WikiErrors.handshakeJson("identify", "{\"x\":1}")).isInstanceOf(WikiUnavailableException.class);
    }
}
