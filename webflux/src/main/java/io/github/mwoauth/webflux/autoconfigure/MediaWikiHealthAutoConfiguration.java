package io.github.mwoauth.webflux.autoconfigure;

import io.github.mwoauth.http.UserAgent;
import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.webflux.WikiReachability;
import java.net.URI;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * With Spring Boot Actuator, the wiki's health indicator {@code mediaWiki} (see {@link WikiHealthIndicator}) beside
 * Boot's own (Redis's among them), when a login is configured; {@code mediawiki.oauth.health.*} sets it up and
 * {@code management.health.mediawiki.enabled=false} turns it off. It is in the health endpoint's details, not in
 * the readiness group: add it there with
 * {@code management.endpoint.health.group.readiness.include=readinessState,mediaWiki} if a wiki outage should take
 * the instance out of its load balancer.
 */
@AutoConfiguration(after = MediaWikiOAuthAutoConfiguration.class)
@ConditionalOnClass(ReactiveHealthIndicator.class)
@ConditionalOnBean(MediaWikiLogin.class)
@ConditionalOnEnabledHealthIndicator("mediawiki")
public class MediaWikiHealthAutoConfiguration {

    /** The bean name, which names the contributor ({@code mediaWiki}) in the health endpoint and its groups. */
    public static final String BEAN_NAME = "mediaWikiHealthIndicator";

    @Bean(BEAN_NAME)
    @ConditionalOnMissingBean(name = BEAN_NAME)
    public WikiHealthIndicator mediaWikiHealthIndicator(MediaWikiLogin login, MediaWikiOAuthProperties properties,
            ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<Clock> clock) {
        URI apiPhp = login.endpoints().apiPhp();
        WikiHealthProperties health = properties.getHealth();
        WebClient.Builder web = webClientBuilder.getIfAvailable(WebClient::builder);
        WikiReachability reachability = new WikiReachability(web.clone().build(), apiPhp,
                UserAgent.of(properties.getUserAgent()), health.getInterval(), health.getTimeout(),
                health.getFailureThreshold(), clock.getIfAvailable(Clock::systemUTC));
        return new WikiHealthIndicator(reachability, apiPhp);
    }
}
