package io.github.mwoauth.peers.testing;

import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every peer app's test class runs against: a real Redis and a LocalWiki whose user has contributions (both
 * per class). The subclass starts its app in its own {@code @BeforeAll}, which runs after this one's.
 */
public abstract class PeerAppTests {

    @RegisterExtension
    protected static final RedisServerExtension REDIS = RedisServerExtension.create();

    protected static LocalWiki wiki;

    protected static PeerApp app;

    @BeforeAll
    static void startWiki() {
        wiki = PeerLogin.wikiWithContributor();
    }

    @AfterAll
    static void stopAll() {
        try {
            app.close();
        } finally {
            wiki.close();
        }
    }
}
