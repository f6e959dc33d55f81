package io.github.mwoauth;

import io.github.mwoauth.WikiUnavailableException.Kind;
import io.github.mwoauth.http.FormEncoding;
import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.http.TryLaterRetry;
import io.github.mwoauth.http.UserAgent;
import io.github.mwoauth.http.WikiHttp;
import io.github.mwoauth.http.WikiObservations;
import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.login.UserCredentials;
import io.github.mwoauth.support.BoundedCache;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;

/**
 * How the client sends one Action API call as a user: the fields with the client's defaults, GET or POST (form or
 * multipart), the {@code Authorization} header from the login, the answer decoded, "try later" answers retried,
 * and CSRF tokens fetched once per user and wiki. Immutable apart from the CSRF token cache; thread-safe.
 */
final class ApiCalls {

    /** The most CSRF tokens (one per user and wiki) a client keeps in memory. */
    private static final int CSRF_TOKEN_CAPACITY = 10_000;

    /** Actions that only read: with {@code readQueriesWithGet} they go as GET. */
    private static final Set<String> READ_ONLY_ACTIONS = Set.of("query", "parse", "compare", "paraminfo",
            "opensearch", "wbgetentities", "wbsearchentities");

    /** Longer GET request targets are sent as POST instead (proxies and servers limit URL length). */
    private static final int MAX_GET_URI_LENGTH = 4000;

    private static final Logger log = LoggerFactory.getLogger(ReactiveMediaWikiClient.class);
    private static final AtomicBoolean warnedAboutUserAgent = new AtomicBoolean();

    private final MediaWikiLogin login;
    private final WikiHttp http;
    private final WikiObservations observations;
    private final CsrfTokens csrfTokens = new CsrfTokens(CSRF_TOKEN_CAPACITY);
    /** Each wiki's {@code maxuploadsize} and {@code minuploadchunksize}, read once (see {@link UploadRun}). */
    final BoundedCache<URI, UploadRun.Limits> uploadLimits = new BoundedCache<>(CSRF_TOKEN_CAPACITY);
    private final Retry tryLater;
    private final @Nullable Integer maxlag;
    private final int multipartThreshold;
    private final boolean formatVersion2;
    private final boolean readQueriesWithGet;

    ApiCalls(ClientSettings s, MediaWikiLogin login) {
        this.login = login;
        if ((s.userAgent == null || s.userAgent.isBlank()) && warnedAboutUserAgent.compareAndSet(false, true)) {
            log.warn("No User-Agent set for the MediaWiki client: Wikimedia wikis rate-limit and block requests "
                    + "without one; set '<tool>/<version> (<contact>)'");
        }
        this.http = new WikiHttp(s.webClientBuilder, UserAgent.of(s.userAgent), s.connectTimeout, s.timeout,
                s.maxResponseBytes, s.maxConnections);
        this.observations = new WikiObservations(s.observationRegistry);
        this.tryLater = TryLaterRetry.of(s.maxRetries, s.retryBackoff, s.maxRetryDelay, s.clock);
        this.maxlag = s.maxlag;
        this.multipartThreshold = s.multipartThreshold;
        this.formatVersion2 = s.formatVersion2;
        this.readQueriesWithGet = s.readQueriesWithGet;
    }

    /**
     * One call with the user's CSRF token added as the last field; when the wiki answers {@code badtoken}, the
     * token is fetched again and the call made once more.
     */
    Mono<JsonNode> callWithCsrfToken(URI apiUrl, List<Parameter> form, UserCredentials accessToken, boolean bot) {
        CsrfTokens.Key key = new CsrfTokens.Key(login.userKey(accessToken), apiUrl);
        return csrfToken(key, accessToken, apiUrl, false, bot)
                .flatMap(token -> call(apiUrl, withToken(form, token), accessToken)
                        .onErrorResume(MediaWikiApiException.class, e -> {
                            if (!"badtoken".equals(e.code())) {
                                return Mono.error(e);
                            }
                            csrfTokens.forget(key, token);
                            return csrfToken(key, accessToken, apiUrl, true, bot)
                                    .flatMap(fresh -> call(apiUrl, withToken(form, fresh), accessToken));
                        }));
    }

    private Mono<String> csrfToken(CsrfTokens.Key key, UserCredentials accessToken, URI apiUrl, boolean refetch,
            boolean bot) {
        String known = refetch ? null : csrfTokens.get(key);
        if (known != null) {
            return Mono.just(known);
        }
        Map<String, Object> tokensQuery = Map.of("action", "query", "meta", "tokens", "type", "csrf");
        return call(apiUrl, fields(tokensQuery, bot), accessToken).flatMap(json -> {
            JsonNode token = json.at("/query/tokens/csrftoken");
            if (!token.isString() || token.asString().length() < 3) {
                return Mono.error(new WikiUnavailableException(Kind.MALFORMED_RESPONSE,
                        "The wiki's meta=tokens answer holds no CSRF token", null));
            }
            csrfTokens.put(key, token.asString());
            return Mono.just(token.asString());
        });
    }

    /** The user's CSRF token on the wiki, from the cache unless {@code refetch}; for calls that add it themselves. */
    Mono<String> csrfToken(URI apiUrl, UserCredentials accessToken, boolean bot, boolean refetch) {
        return csrfToken(new CsrfTokens.Key(login.userKey(accessToken), apiUrl), accessToken, apiUrl, refetch, bot);
    }

    /**
     * One multipart call whose file part streams from {@code content}; "try later" answers are retried, each
     * attempt signed anew (OAuth 1.0a refuses a nonce seen before). The multipart fields are never signed.
     */
    Mono<JsonNode> callWithFile(URI apiUrl, List<Parameter> fields, String fileField, String fileName,
            Flux<DataBuffer> content, long length, UserCredentials token) {
        Mono<JsonNode> exchange = Mono.defer(() -> http.postMultipart(apiUrl, fields, fileField, fileName, content,
                length, login.authorization(token, "POST", apiUrl, List.of())))
                .flatMap(response -> Mono.fromCallable(() -> ApiResponses.parse(response)));
        return observations.apiRequest("upload", "POST", exchange).retryWhen(tryLater);
    }

    private static List<Parameter> withToken(List<Parameter> form, String token) {
        List<Parameter> out = new ArrayList<>(form.size() + 1);
        out.addAll(form);
        out.add(new Parameter("token", token));
        return out;
    }

    /**
     * The fields sent for {@code query}: the caller's, then the client's defaults it does not set itself.
     *
     * @param bot whether the client acts for a fixed user (then {@code maxlag} defaults to
     *     {@link ReactiveMediaWikiClient#DEFAULT_MAXLAG})
     */
    List<Parameter> fields(Map<String, ?> query, boolean bot) {
        Integer configured = maxlag;
        int lag = configured != null ? configured : bot ? ReactiveMediaWikiClient.DEFAULT_MAXLAG : 0;
        List<Parameter> form = ApiQuery.toParameters(query);
        if (lag > 0 && !query.containsKey("maxlag")) {
            form.add(new Parameter("maxlag", Integer.toString(lag)));
        }
        if (formatVersion2 && !query.containsKey("formatversion")) {
            form.add(new Parameter("formatversion", "2"));
        }
        return form;
    }

    /** One API call with the retries for "try later" answers. */
    Mono<JsonNode> call(URI apiUrl, List<Parameter> form, UserCredentials token) {
        return send(apiUrl, form, token).retryWhen(tryLater);
    }

    private Mono<JsonNode> send(URI apiUrl, List<Parameter> form, UserCredentials token) {
        String action = value(form, "action");
        boolean get = readQueriesWithGet && action != null && READ_ONLY_ACTIONS.contains(action)
                && value(form, "token") == null;
        URI getUri = get ? withQuery(apiUrl, form) : apiUrl;
        boolean useGet = get && getUri.toString().length() <= MAX_GET_URI_LENGTH;
        Mono<JsonNode> exchange = Mono.defer(() -> {
            if (useGet) {
                return http.get(getUri, login.authorization(token, "GET", getUri, List.of()));
            }
            boolean multipart = ApiQuery.byteSize(form) > multipartThreshold;
            String authorization = login.authorization(token, "POST", apiUrl, multipart ? List.of() : form);
            return multipart ? http.postMultipart(apiUrl, form, authorization) : http.postForm(apiUrl, form, authorization);
        }).flatMap(response -> Mono.fromCallable(() -> ApiResponses.parse(response)));
        return observations.apiRequest(action, useGet ? "GET" : "POST", exchange);
    }

    private static @Nullable String value(List<Parameter> form, String name) {
        for (Parameter p : form) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        return null;
    }

    private static URI withQuery(URI apiUrl, List<Parameter> form) {
        String base = apiUrl.toString();
        return URI.create(base + (apiUrl.getRawQuery() == null ? "?" : "&") + FormEncoding.write(form));
    }
}
