package io.github.mwoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.http.Parameter;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A prefix consumer's callback: string prefix, http→https upgrade, port wildcard; at initiate over HTTP. */
class CallbackPrefixTest extends WikiTest {

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:5000/oauth-callback, http://127.0.0.1:5000/oauth-callback?next=%2F, true",
        "http://127.0.0.1:5000/oauth-callback, https://127.0.0.1:5000/oauth-callback/sub, true",
        "https://127.0.0.1:5000/oauth-callback, http://127.0.0.1:5000/oauth-callback, false",
        "http://127.0.0.1:5000/oauth-callback, http://127.0.0.1:5001/oauth-callback, false",
        "http://127.0.0.1:*/oauth-callback, http://127.0.0.1:5001/oauth-callback, true",
        "http://127.0.0.1:*/oauth-callback, https://127.0.0.1/oauth-callback?next=%2F, true",
        "http://127.0.0.1:*/oauth-callback, http://127.0.0.2:5001/oauth-callback, false",
        "http://127.0.0.1:*/oauth-callback, http://127.0.0.1:5001/other, false",
        "http://tool.example/cb, http://TOOL.example:80/cb, true",
        "http://tool.example/cb, http://tool.example.evil/cb, false",
    })
    void initiateWhenCallbackSuppliedThenAcceptedAsThePrefixRulesSay(String registered, String supplied,
            boolean accepted) {
        Consumer consumer = f.wiki.registerPrefixConsumer("Tool " + Math.abs(supplied.hashCode()), registered);
        assertThat(CallbackPrefix.matches(registered, supplied)).isEqualTo(accepted);

        WireClient.Response r = client.signedPost(f.initiateUrl(), Fixtures.consumerOnly(consumer),
                Parameter.of("oauth_callback", supplied));

        if (accepted) {
            Map<String, String> token = r.form();
            assertThat(token).containsKey("oauth_token");
            assertThat(f.wiki.approve(token.get("oauth_token"), "Alice").callbackUrl()).startsWith(supplied);
        } else {
            assertThat(r.body()).startsWith("Error: oauth_callback must be set").contains("prefix");
        }
    }
}
