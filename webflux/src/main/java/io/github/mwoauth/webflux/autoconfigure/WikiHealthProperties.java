package io.github.mwoauth.webflux.autoconfigure;

import java.time.Duration;

/**
 * Settings under {@code mediawiki.oauth.health}: the wiki's health indicator (with Spring Boot Actuator; turned off
 * with {@code management.health.mediawiki.enabled=false}).
 */
public class WikiHealthProperties {

    /** How long a check of the wiki is kept: health probes within it do not reach the wiki. */
    private Duration interval = Duration.ofSeconds(30);

    /** How long a check waits for the wiki's answer; a slower answer counts as a failure. */
    private Duration timeout = Duration.ofSeconds(5);

    /** How many failed checks in a row make the wiki DOWN (fewer: UP with the failure in the details). */
    private int failureThreshold = 3;

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public int getFailureThreshold() {
        return failureThreshold;
    }

    public void setFailureThreshold(int failureThreshold) {
        this.failureThreshold = failureThreshold;
    }
}
