package io.github.mwoauth.webflux.autoconfigure;

import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.LocalWiki;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A LocalWiki with an OAuth 1.0a consumer for the auto-configuration tests, started once per test class
 * ({@code @RegisterExtension static}), and the properties of an application logging in there.
 */
final class OAuth1Wiki implements BeforeAllCallback, AfterAllCallback {

    private LocalWiki wiki;
    private Consumer consumer;

    @Override
    public void beforeAll(ExtensionContext context) {
        wiki = LocalWiki.start();
        consumer = wiki.registerOobConsumer("Example Tool", "http://app.test/oauth-callback");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (wiki != null) {
            wiki.close();
        }
    }

    LocalWiki wiki() {
        return wiki;
    }

    /** The consumer's credentials, a User-Agent and a session key; the wiki's script path when {@code withWiki}. */
    String[] properties(boolean withWiki) {
        String[] login = {"mediawiki.oauth.oauth1.consumer-key=" + consumer.key(),
                "mediawiki.oauth.oauth1.consumer-secret=" + consumer.secret(),
                "mediawiki.oauth.user-agent=Test/1.0 (test@example.org)",
                "mediawiki.oauth.session-key=" + Base64.getEncoder().encodeToString(new byte[32]),
                "mediawiki.oauth.wiki=" + wiki.scriptPath()};
        return withWiki ? login : Arrays.copyOf(login, login.length - 1);
    }
}
