package io.github.mwoauth.webflux.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.WikiUnavailableException;
import io.github.mwoauth.testkit.Endpoint;
import io.github.mwoauth.testkit.LocalWiki;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.util.unit.DataSize;
import reactor.test.StepVerifier;

/** {@code mediawiki.oauth.max-response-bytes}: bound, validated, and the limit of the client bean. */
class MaxResponseBytesTests {

    @RegisterExtension
    static final OAuth1Wiki WIKI = new OAuth1Wiki();

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MediaWikiOAuthAutoConfiguration.class))
            .withPropertyValues(WIKI.properties(true));
    private final LocalWiki wiki = WIKI.wiki();

    @AfterEach
    void clearFaults() {
        wiki.clearFaults();
    }

    @Test
    void whenUnsetThen16MB() {
        runner.run(context -> assertThat(context.getBean(MediaWikiOAuthProperties.class).getMaxResponseBytes())
                .isEqualTo(DataSize.ofMegabytes(16)));
    }

    @Test
    void whenSetThenClientStopsReadingPastIt() {
        runner.withPropertyValues("mediawiki.oauth.max-response-bytes=4KB").run(context -> {
            assertThat(context).hasNotFailed();
            wiki.faults(Endpoint.HANDSHAKE).oversized(8 * 1024, 1);

            StepVerifier.create(context.getBean(MediaWikiLogin.class).start())
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(WikiUnavailableException.class)
                                .hasMessageContaining("larger than the configured limit");
                        assertThat(((WikiUnavailableException) e).kind())
                                .isEqualTo(WikiUnavailableException.Kind.MALFORMED_RESPONSE);
                    })
                    .verify(Duration.ofSeconds(10));
        });
    }

    @Test
    void whenDefaultThenSameAnswerReadWhole() {
        runner.run(context -> {
            wiki.faults(Endpoint.HANDSHAKE).oversized(8 * 1024, 1);

            StepVerifier.create(context.getBean(MediaWikiLogin.class).start())
                    .expectErrorSatisfies(e -> assertThat(e).as("read whole, then found to hold no request token")
                            .hasMessageContaining("unexpected JSON")
                            .hasMessageNotContaining("limit"))
                    .verify(Duration.ofSeconds(10));
        });
    }

    @Test
    void whenBelow1KBOrAbove2GBThenStartupFails() {
        for (String size : new String[] {"1023B", "3GB"}) {
            runner.withPropertyValues("mediawiki.oauth.max-response-bytes=" + size).run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("from 1KB to 2GB");
            });
        }
    }

    @Test
    void whenBoundsThenAcceptedAnd2GBTakenAsLargestInt() {
        runner.withPropertyValues("mediawiki.oauth.max-response-bytes=2GB").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(MediaWikiOAuthProperties.class).maxResponseBytesAsInt())
                    .isEqualTo(Integer.MAX_VALUE);
        });
        runner.withPropertyValues("mediawiki.oauth.max-response-bytes=1KB")
                .run(context -> assertThat(context).hasNotFailed());
    }
}
