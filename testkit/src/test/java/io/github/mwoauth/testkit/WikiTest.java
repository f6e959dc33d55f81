package io.github.mwoauth.testkit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fresh LocalWiki per test on a {@link MutableClock} shared with the signing client, with {@link Fixtures}. */
abstract class WikiTest {

    final MutableClock clock;

    @RegisterExtension
    final LocalWikiExtension extension;

    WireClient client;
    Fixtures f;

    WikiTest(MutableClock clock) {
        this.clock = clock;
        this.extension = LocalWikiExtension.create(b -> b.clock(clock));
    }

    WikiTest() {
        this(MutableClock.startingNow());
    }

    @BeforeEach
    void setUpWiki() {
        client = new WireClient(clock);
        f = new Fixtures(extension.get(), client);
    }
}
