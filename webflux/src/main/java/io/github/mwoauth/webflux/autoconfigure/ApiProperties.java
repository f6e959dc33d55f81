package io.github.mwoauth.webflux.autoconfigure;

import io.github.mwoauth.http.TryLaterRetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Settings under {@code mediawiki.oauth.api}: how the client calls the Action API. */
public class ApiProperties {

    /**
     * The wikis besides the login wiki that API calls with an explicit api.php URL may go to: origins such as
     * https://en.wikipedia.org, or "wikimedia" for every Wikimedia wiki over HTTPS. Empty: the login wiki only.
     */
    private List<String> allowedWikis = new ArrayList<>();

    /**
     * The maxlag (seconds) added to API queries that set none; 0 sends none. Unset: none for the users of the
     * web application (people should not wait for replica lag).
     */
    private @Nullable Integer maxlag;

    /** How many times an answer asking to try later (maxlag, HTTP 429 or 503) is retried. */
    private int maxRetries = TryLaterRetry.DEFAULT_MAX_RETRIES;

    /** The first wait before a retry when the wiki sent no Retry-After; it doubles with each retry. */
    private Duration retryBackoff = TryLaterRetry.DEFAULT_BACKOFF;

    /** The longest wait before a retry, whatever the wiki's Retry-After says. */
    private Duration maxRetryDelay = TryLaterRetry.DEFAULT_MAX_DELAY;

    /**
     * The most connections open to wikis at once; further calls wait for one, within their timeout. Unset: Reactor
     * Netty's shared pool (500, or its reactor.netty.pool.maxConnections system property).
     */
    private @Nullable Integer maxConnections;

    /** Add formatversion=2 to API queries that do not set it. */
    private boolean formatVersion2;

    /** Send read-only API queries (action=query, parse, ... without a token) as GET rather than POST. */
    private boolean readQueriesWithGet;

    public List<String> getAllowedWikis() {
        return allowedWikis;
    }

    public void setAllowedWikis(List<String> allowedWikis) {
        this.allowedWikis = allowedWikis;
    }

    public @Nullable Integer getMaxlag() {
        return maxlag;
    }

    public void setMaxlag(@Nullable Integer maxlag) {
        this.maxlag = maxlag;
    }

    public @Nullable Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(@Nullable Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Duration getMaxRetryDelay() {
        return maxRetryDelay;
    }

    public void setMaxRetryDelay(Duration maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public boolean isFormatVersion2() {
        return formatVersion2;
    }

    public void setFormatVersion2(boolean formatVersion2) {
        this.formatVersion2 = formatVersion2;
    }

    public boolean isReadQueriesWithGet() {
        return readQueriesWithGet;
    }

    public void setReadQueriesWithGet(boolean readQueriesWithGet) {
        this.readQueriesWithGet = readQueriesWithGet;
    }
}
