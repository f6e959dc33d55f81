package io.github.mwoauth.webflux;

import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.oauth1.OAuth1Login;
import io.github.mwoauth.oauth2.OAuth2Login;

/** Fixtures: a login of each protocol for a wiki nobody calls. */
final class TestLogins {

    static final MediaWikiLogin OAUTH1 = OAuth1Login.builder().wiki("http://127.0.0.1:9/w").consumer("key", "secret")
            .userAgent("Test/1.0").build();

    static final MediaWikiLogin OAUTH2 = OAuth2Login.builder().wiki("http://127.0.0.1:9/w").clientId("client")
            .clientSecret("secret").userAgent("Test/1.0").build();

    private TestLogins() {
    }
}
