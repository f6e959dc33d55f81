package io.github.mwoauth.webflux.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.testkit.Endpoint;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

/**
 * The wiki's health indicator against a LocalWiki over loopback HTTP: up, kept for its interval, slow, failing
 * below and at the threshold, garbage, unreachable; and when it is not configured.
 */
class WikiHealthIndicatorTests {

    @RegisterExtension
    static final OAuth1Wiki WIKI = new OAuth1Wiki();

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MediaWikiOAuthAutoConfiguration.class,
                    MediaWikiHealthAutoConfiguration.class))
            .withPropertyValues(WIKI.properties(false));
    private final LocalWiki wiki = WIKI.wiki();

    @AfterEach
    void reset() {
        wiki.reset();
    }

    private ReactiveWebApplicationContextRunner onWiki(String... properties) {
        return runner.withPropertyValues("mediawiki.oauth.wiki=" + wiki.scriptPath()).withPropertyValues(properties);
    }

    private static Health health(AssertableReactiveWebApplicationContext context) {
        return context.getBean(WikiHealthIndicator.class).health().block(Duration.ofSeconds(10));
    }

    @Test
    void healthWhenWikiAnswersThenUpWithItsNameAndKeptForTheInterval() {
        onWiki().run(context -> {
            Health first = health(context);
            assertThat(first.getStatus()).isEqualTo(Status.UP);
            assertThat(first.getDetails()).containsEntry("siteName", "LocalWiki")
                    .containsEntry("wiki", wiki.apiUrl()).containsEntry("consecutiveFailures", 0)
                    .containsKeys("latencyMillis", "checkedAt", "lastSuccess").doesNotContainKey("failure");
            for (int i = 0; i < 5; i++) {
                assertThat(health(context)).isEqualTo(first);
            }
            assertThat(wiki.requestCount(Endpoint.API)).as("api.php requests for 6 health checks in 30 s").isEqualTo(1);
            assertThat(wiki.requestCount()).isEqualTo(1);
        });
    }

    @Test
    void healthWhenCheckOlderThanTheIntervalThenServedWhileRefreshedAndWaitedForBeyondTwiceTheInterval() {
        MutableClock clock = MutableClock.startingNow();
        onWiki("mediawiki.oauth.health.interval=30s").withBean(Clock.class, () -> clock).run(context -> {
            Health first = health(context);
            clock.advance(Duration.ofSeconds(40));
            assertThat(health(context)).as("older than the interval: the kept check at once").isEqualTo(first);
            Health refreshed = awaitChange(context, first);
            assertThat(refreshed.getDetails().get("checkedAt")).isEqualTo(clock.instant().toString());
            assertThat(wiki.requestCount(Endpoint.API)).as("one background check, however often asked").isEqualTo(2);
            clock.advance(Duration.ofSeconds(61));
            Health waited = health(context);
            assertThat(waited.getDetails().get("checkedAt")).as("older than twice the interval: checked now")
                    .isEqualTo(clock.instant().toString());
            assertThat(wiki.requestCount(Endpoint.API)).isEqualTo(3);
        });
    }

    /** The first result other than {@code kept}, asking every 10 ms for at most 10 s. */
    private Health awaitChange(AssertableReactiveWebApplicationContext context, Health kept)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Health health = health(context);
        while (health.equals(kept) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            health = health(context);
        }
        assertThat(health).as("the background check's result").isNotEqualTo(kept);
        return health;
    }

    @Test
    void healthWhenWikiSlowButWithinTimeoutThenUpWithTheLatency() {
        onWiki("mediawiki.oauth.health.interval=0s", "mediawiki.oauth.health.timeout=5s").run(context -> {
            wiki.faults(Endpoint.API).latency(Duration.ofMillis(800));
            Health slow = health(context);
            assertThat(slow.getStatus()).isEqualTo(Status.UP);
            assertThat((Long) slow.getDetails().get("latencyMillis")).isGreaterThanOrEqualTo(800);
        });
    }

    @Test
    void healthWhenChecksFailBelowTheThresholdThenUpWithTheFailureThenDownThenUpAgain() {
        onWiki("mediawiki.oauth.health.interval=0s", "mediawiki.oauth.health.failure-threshold=3").run(context -> {
            assertThat(health(context).getStatus()).isEqualTo(Status.UP);
            wiki.faults(Endpoint.API).status(503);
            Health once = health(context);
            assertThat(once.getStatus()).isEqualTo(Status.UP);
            assertThat(once.getDetails()).containsEntry("failure", "HTTP 503").containsEntry("consecutiveFailures", 1)
                    .containsEntry("siteName", "LocalWiki");
            assertThat(health(context).getStatus()).isEqualTo(Status.UP);
            Health third = health(context);
            assertThat(third.getStatus()).isEqualTo(Status.DOWN);
            assertThat(third.getDetails()).containsEntry("consecutiveFailures", 3).containsKey("lastSuccess");
            wiki.clearFaults();
            Health back = health(context);
            assertThat(back.getStatus()).isEqualTo(Status.UP);
            assertThat(back.getDetails()).containsEntry("consecutiveFailures", 0).doesNotContainKey("failure");
        });
    }

    @Test
    void healthWhenWikiSlowerThanTheTimeoutThenAFailure() {
        onWiki("mediawiki.oauth.health.interval=0s", "mediawiki.oauth.health.timeout=300ms",
                "mediawiki.oauth.health.failure-threshold=2").run(context -> {
            wiki.faults(Endpoint.API).latency(Duration.ofSeconds(3));
            Health first = health(context);
            assertThat(first.getStatus()).as("no success yet, below the threshold").isEqualTo(Status.UNKNOWN);
            assertThat(first.getDetails()).containsEntry("failure", "no answer within 300 ms")
                    .doesNotContainKeys("latencyMillis", "lastSuccess");
            assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void healthWhenAnswerIsGarbageThenAFailure() {
        onWiki("mediawiki.oauth.health.interval=0s", "mediawiki.oauth.health.failure-threshold=1").run(context -> {
            wiki.faults(Endpoint.API).malformed(1);
            Health garbage = health(context);
            assertThat(garbage.getStatus()).isEqualTo(Status.DOWN);
            assertThat(garbage.getDetails()).containsEntry("failure", "the answer is not JSON");
            assertThat(health(context).getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void healthWhenWikiUnreachableThenDownAtTheThreshold() {
        LocalWiki gone = LocalWiki.start();
        String scriptPath = gone.scriptPath();
        gone.close();
        runner.withPropertyValues("mediawiki.oauth.wiki=" + scriptPath, "mediawiki.oauth.health.interval=0s",
                "mediawiki.oauth.health.failure-threshold=2").run(context -> {
            Health first = health(context);
            assertThat(first.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat((String) first.getDetails().get("failure")).startsWith("the wiki could not be reached");
            assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void indicatorWhenDisabledOrNoLoginThenAbsent() {
        onWiki("management.health.mediawiki.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(WikiHealthIndicator.class));
        runner.run(context -> assertThat(context).doesNotHaveBean(WikiHealthIndicator.class));
        onWiki().run(context -> assertThat(context).hasBean(MediaWikiHealthAutoConfiguration.BEAN_NAME));
    }
}
