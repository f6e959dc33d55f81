package io.github.mwoauth.http;

import io.github.mwoauth.HandshakeException;
import io.github.mwoauth.IdentityVerificationException;
import io.github.mwoauth.InvalidAuthorizationException;
import io.github.mwoauth.MediaWikiApiException;
import io.github.mwoauth.WikiUnavailableException;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Micrometer observations of the exchanges with a wiki. Tags carry only low-cardinality, non-personal values
 * (the API action, the handshake step, the outcome, the HTTP method, the failure's class): never a token, a
 * secret, a user name, a page title or an error text. The observation is put in the Reactor context under
 * {@value #CONTEXT_KEY} (Micrometer's {@code ObservationThreadLocalAccessor.KEY}), so the {@code WebClient}'s own observation becomes its child and
 * traces propagate.
 */
public final class WikiObservations {

    /** One exchange with {@code api.php} (each retry is observed on its own). */
    public static final String API_REQUEST = "mediawiki.api.request";

    /** One handshake step: {@code initiate}, {@code token} or {@code identify}. */
    public static final String HANDSHAKE = "mediawiki.oauth.handshake";

    static final String ACTION = "mediawiki.action";
    static final String STEP = "mediawiki.oauth.step";
    static final String METHOD = "http.method";
    static final String OUTCOME = "outcome";
    static final String ERROR = "error";

    /** Where Reactor contexts hold the current observation; Spring's {@code WebClient} looks there for a parent. */
    static final String CONTEXT_KEY = "micrometer.observation";

    private static final Pattern SIMPLE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final ObservationRegistry registry;

    public WikiObservations(ObservationRegistry registry) {
        this.registry = registry;
    }

    public <T> Mono<T> apiRequest(@Nullable String action, String method, Mono<T> exchange) {
        return observe(API_REQUEST, KeyValues.of(KeyValue.of(ACTION, actionTag(action)), KeyValue.of(METHOD, method)),
                exchange);
    }

    public <T> Mono<T> handshake(String step, Mono<T> exchange) {
        return observe(HANDSHAKE, KeyValues.of(STEP, step), exchange);
    }

    private <T> Mono<T> observe(String name, KeyValues tags, Mono<T> exchange) {
        if (registry.isNoop()) {
            return exchange;
        }
        return Mono.deferContextual(context -> {
            Observation parent = context.getOrDefault(CONTEXT_KEY, null);
            Observation observation = Observation.createNotStarted(name, registry)
                    .parentObservation(parent)
                    .lowCardinalityKeyValues(tags)
                    .start();
            // stopped before the signal travels on (a caller's block() must find it stopped), and once only: a
            // retrying or flatMapping subscriber may cancel while an error or a value travels downstream
            AtomicBoolean stopped = new AtomicBoolean();
            BiConsumer<String, String> stop = (outcome, error) -> {
                if (stopped.compareAndSet(false, true)) {
                    observation.lowCardinalityKeyValue(OUTCOME, outcome);
                    observation.lowCardinalityKeyValue(ERROR, error);
                    observation.stop();
                }
            };
            return exchange
                    .doOnSuccess(v -> stop.accept("success", "none"))
                    .doOnError(e -> stop.accept(outcome(e), e.getClass().getSimpleName()))
                    .doOnCancel(() -> stop.accept("cancelled", "none"))
                    .contextWrite(c -> c.put(CONTEXT_KEY, observation));
        });
    }

    /** The action as a tag: an Action API module name, else {@code other} (the map may come from user input). */
    static String actionTag(@Nullable String action) {
        if (action == null) {
            return "none";
        }
        String lower = action.toLowerCase(Locale.ROOT);
        return SIMPLE_NAME.matcher(lower).matches() ? lower : "other";
    }

    static String outcome(Throwable failure) {
        if (failure instanceof TryLaterException) {
            return "try_later";
        }
        if (failure instanceof InvalidAuthorizationException) {
            return "invalid_authorization";
        }
        if (failure instanceof MediaWikiApiException) {
            return "api_error";
        }
        if (failure instanceof WikiUnavailableException) {
            return "unavailable";
        }
        if (failure instanceof HandshakeException || failure instanceof IdentityVerificationException) {
            return "rejected";
        }
        return "error";
    }
}
