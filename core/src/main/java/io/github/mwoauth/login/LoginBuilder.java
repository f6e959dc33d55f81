package io.github.mwoauth.login;

import io.github.mwoauth.MediaWikiEndpoints;
import io.github.mwoauth.http.UserAgent;
import io.github.mwoauth.http.WikiHttp;
import io.github.mwoauth.http.WikiObservations;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What every {@link MediaWikiLogin} builder sets: the wiki and how to reach it. Not thread-safe; build once.
 *
 * @param <B> the concrete builder
 */
public abstract class LoginBuilder<B extends LoginBuilder<B>> {

    private @Nullable MediaWikiEndpoints endpoints;
    private @Nullable String userAgent;
    private Duration connectTimeout = WikiHttp.DEFAULT_CONNECT_TIMEOUT;
    private Duration timeout = WikiHttp.DEFAULT_TIMEOUT;
    private Clock clock = Clock.systemUTC();
    private WebClient.@Nullable Builder webClientBuilder;
    private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;
    private int maxResponseBytes = WikiHttp.LOGIN_MAX_RESPONSE_BYTES;

    protected LoginBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The wiki's script path, e.g. {@code https://meta.wikimedia.org/w}. */
    public B wiki(String scriptPath) {
        return endpoints(MediaWikiEndpoints.of(scriptPath));
    }

    public B endpoints(MediaWikiEndpoints value) {
        this.endpoints = Objects.requireNonNull(value, "endpoints cannot be null");
        return self();
    }

    /** The application's part of the User-Agent, {@code <tool>/<version> (<contact>)}. */
    public B userAgent(@Nullable String value) {
        this.userAgent = value;
        return self();
    }

    public B connectTimeout(Duration value) {
        this.connectTimeout = positive(value, "connectTimeout");
        return self();
    }

    /** How long one exchange with the wiki may take in all. */
    public B timeout(Duration value) {
        this.timeout = positive(value, "timeout");
        return self();
    }

    /** The clock for expiries, timestamps and identity checks. */
    public B clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock cannot be null");
        return self();
    }

    /**
     * The application's {@link WebClient.Builder} (for its filters and observations); it is cloned. Without one the
     * login sends straight on Reactor Netty.
     */
    public B webClientBuilder(WebClient.Builder value) {
        this.webClientBuilder = Objects.requireNonNull(value, "webClientBuilder cannot be null");
        return self();
    }

    /** Where to report observations of the login steps (default: none). */
    public B observationRegistry(ObservationRegistry value) {
        this.observationRegistry = Objects.requireNonNull(value, "observationRegistry cannot be null");
        return self();
    }

    /**
     * The largest answer of a login step read into memory, after gzip decompression (default 1 MiB); a larger one
     * fails with {@code WikiUnavailableException.Kind.MALFORMED_RESPONSE}.
     */
    public B maxResponseBytes(int bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
        }
        this.maxResponseBytes = bytes;
        return self();
    }

    /** The wiki, which must be set. */
    protected MediaWikiEndpoints endpoints() {
        MediaWikiEndpoints e = endpoints;
        if (e == null) {
            throw new IllegalArgumentException("wiki (or endpoints) is required");
        }
        return e;
    }

    protected Clock clock() {
        return clock;
    }

    /** The HTTP exchanges of the login steps. */
    protected WikiHttp http() {
        return new WikiHttp(webClientBuilder, UserAgent.of(userAgent), connectTimeout, timeout, maxResponseBytes);
    }

    protected WikiObservations observations() {
        return new WikiObservations(observationRegistry);
    }

    /** {@code d}, checked to be positive. */
    public static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what + " cannot be null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
        return d;
    }
}
