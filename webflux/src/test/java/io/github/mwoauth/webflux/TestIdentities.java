package io.github.mwoauth.webflux;

import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.MediaWikiIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Fixtures: identities and tokens shaped like the wiki's. */
final class TestIdentities {

    static final String TOKEN_KEY = "a562b453eb2fd8aab11155466989abe6";
    static final String TOKEN_SECRET = "d958721bfc4a7824fab5762594e0312399f1e028";

    private TestIdentities() {
    }

    static AccessToken accessToken() {
        return new AccessToken(TOKEN_KEY, TOKEN_SECRET);
    }

    static MediaWikiIdentity alice() {
        return new MediaWikiIdentity("4", "Alice", List.of("*", "user", "autoconfirmed"),
                List.of("read", "edit", "createpage"), List.of("basic", "editpage", "highvolume"), 12, false, true,
                Instant.parse("2026-11-28T03:12:33Z"), null, null, Map.of("nonce", "n"));
    }
}
