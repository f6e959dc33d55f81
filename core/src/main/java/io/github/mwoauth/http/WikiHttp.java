package io.github.mwoauth.http;

import io.github.mwoauth.MediaWikiOAuthException;
import io.github.mwoauth.WikiUnavailableException.Kind;
import io.github.mwoauth.WikiUnavailableException;
import io.github.mwoauth.support.SeededRandom;
import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.resources.ConnectionProvider;

/** The HTTP exchanges with a wiki: POST a form or multipart body, read the whole answer, map transport failures. */
public final class WikiHttp {

    /** How long connecting to the wiki may take, unless configured otherwise. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** How long one exchange with the wiki may take in all, unless configured otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The largest API answer read into memory, unless configured otherwise. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    /** The largest answer of a login step read into memory unless configured otherwise (those answers are small). */
    public static final int LOGIN_MAX_RESPONSE_BYTES = 1024 * 1024;

    private final @Nullable WebClient webClient;
    private final HttpClient httpClient;
    private final String userAgent;
    private final Duration timeout;
    private final int maxResponseBytes;

    /**
     * @param builder the application's {@code WebClient.Builder} (cloned), whose filters and observations then see
     *     every exchange; null to send straight on Reactor Netty, which costs less CPU per call
     */
    public WikiHttp(WebClient.@Nullable Builder builder, String userAgent, Duration connectTimeout, Duration timeout,
            int maxResponseBytes) {
        this(builder, userAgent, connectTimeout, timeout, maxResponseBytes, null);
    }

    /**
     * @param maxConnections the most connections open to wikis at once, in a pool of that size shared by the clients
     *     of that size; null for Reactor Netty's shared pool (500, or its {@code reactor.netty.pool.maxConnections}).
     *     Either way a call beyond them waits for one (at most twice as many calls wait; more fail at once, as
     *     {@link WikiUnavailableException.Kind#UNREACHABLE}), and the wait counts in the call's timeout.
     */
    public WikiHttp(WebClient.@Nullable Builder builder, String userAgent, Duration connectTimeout, Duration timeout,
            int maxResponseBytes, @Nullable Integer maxConnections) {
        this.httpClient = (maxConnections == null ? HttpClient.create() : HttpClient.create(pool(maxConnections)))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, connectTimeout.toMillis()))
                .responseTimeout(timeout)
                .compress(true);
        this.webClient = builder == null ? null : builder.clone()
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(maxResponseBytes))
                .build();
        this.userAgent = userAgent;
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** The pools of the sizes set, one per size: a pool per client would keep its own connections. */
    private static final Map<Integer, ConnectionProvider> POOLS = new ConcurrentHashMap<>();

    private static ConnectionProvider pool(int maxConnections) {
        return POOLS.computeIfAbsent(maxConnections, max -> ConnectionProvider.create("mediawiki-" + max, max));
    }

    /** POSTs an {@code application/x-www-form-urlencoded} body (possibly empty). */
    public Mono<WikiResponse> postForm(URI uri, List<Parameter> form, String authorization) {
        return send(uri, form, authorization);
    }

    /** GETs {@code uri}, whose query holds the fields (read-only API queries). */
    public Mono<WikiResponse> get(URI uri, String authorization) {
        return send(uri, null, authorization);
    }

    /** A GET when {@code form} is null, else a form POST; an {@code Authorization} header only if given. */
    public Mono<WikiResponse> send(URI uri, @Nullable List<Parameter> form, @Nullable String authorization) {
        if (form == null) {
            return exchange(HttpMethod.GET, uri, authorization, null, null, -1);
        }
        byte[] body = FormEncoding.write(form).getBytes(StandardCharsets.UTF_8);
        return exchange(HttpMethod.POST, uri, authorization, MediaType.APPLICATION_FORM_URLENCODED_VALUE, bytes(body),
                body.length);
    }

    /**
     * POSTs a {@code multipart/form-data} body, whose fields are not part of the OAuth signature. The body is
     * written here rather than by Spring's multipart writer, whose boundary comes from a {@code SecureRandom}
     * that reads the OS entropy device on the event loop.
     */
    public Mono<WikiResponse> postMultipart(URI uri, List<Parameter> form, String authorization) {
        String boundary = "mwoauth-" + SeededRandom.hex(16);
        byte[] body = multipartBody(form, boundary);
        return exchange(HttpMethod.POST, uri, authorization, multipartType(boundary), bytes(body), body.length);
    }

    static byte[] multipartBody(List<Parameter> form, String boundary) {
        return (fieldParts(form, boundary) + "--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * POSTs a {@code multipart/form-data} body of text fields and one file part whose bytes stream from
     * {@code content} as they are sent (never gathered in memory); {@code Content-Length} is set when
     * {@code length} is known. {@code content} is subscribed once per attempt, so a retry needs a source that
     * can be read again. The fields are not part of an OAuth signature.
     *
     * @param length the bytes {@code content} holds, or -1 when unknown (then the body goes chunked)
     */
    public Mono<WikiResponse> postMultipart(URI uri, List<Parameter> form, String fileField, String fileName,
            Flux<DataBuffer> content, long length, String authorization) {
        String boundary = "mwoauth-" + SeededRandom.hex(16);
        byte[] head = (fieldParts(form, boundary) + "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + quoted(fileField) + "\"; filename=\"" + quoted(fileName)
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        Flux<DataBuffer> body = Flux.concat(Mono.fromSupplier(() -> DefaultDataBufferFactory.sharedInstance.wrap(head)),
                content, Mono.fromSupplier(() -> DefaultDataBufferFactory.sharedInstance.wrap(tail)));
        return exchange(HttpMethod.POST, uri, authorization, multipartType(boundary), body,
                length >= 0 ? head.length + length + tail.length : -1);
    }

    private static String multipartType(String boundary) {
        return MediaType.MULTIPART_FORM_DATA_VALUE + ";boundary=" + boundary;
    }

    private static Flux<DataBuffer> bytes(byte[] body) {
        return Mono.<DataBuffer>fromSupplier(() -> DefaultDataBufferFactory.sharedInstance.wrap(body)).flux();
    }

    private static String fieldParts(List<Parameter> form, String boundary) {
        StringBuilder out = new StringBuilder(form.size() * 128 + (int) Math.min(Integer.MAX_VALUE / 2, FormEncoding.byteSize(form)));
        for (Parameter p : form) {
            out.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(quoted(p.name())).append("\"\r\n")
                    .append("Content-Type: text/plain; charset=UTF-8\r\n\r\n")
                    .append(p.value()).append("\r\n");
        }
        return out.toString();
    }

    /** Field names as HTML forms send them: {@code "}, CR and LF percent-encoded. */
    private static String quoted(String name) {
        return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    /**
     * The exchange, run to its end once started: a subscriber that cancels (a browser that went away, an
     * application's own shorter timeout) stops waiting for it, but the exchange itself still reads the whole
     * answer, bounded by the timeout, and hands its connection back to the pool. Cancelling the exchange itself
     * would race with WebClient delivering the response, whose body subscription then fails after the
     * cancellation with an error nobody can receive (Reactor logs it as a dropped error with its stack trace).
     * The subscriber's context goes with the exchange, so observations and tracing see it as before.
     */
    private Mono<WikiResponse> exchange(HttpMethod method, URI uri, @Nullable String authorization,
            @Nullable String contentType, @Nullable Flux<DataBuffer> body, long length) {
        Mono<WikiResponse> exchange = (webClient == null
                ? DirectExchange.send(httpClient, method, uri, userAgent, authorization, contentType, body, length,
                        maxResponseBytes)
                : throughWebClient(webClient, method, uri, authorization, contentType, body, length))
                // named: Reactor's timeout describes its source by name on every subscription, and an unnamed one
                // makes it walk the whole upstream chain for one
                .name("wiki exchange")
                .timeout(timeout)
                .onErrorMap(e -> !(e instanceof MediaWikiOAuthException), e -> translate(e, uri));
        return Mono.deferContextual(context -> Mono.fromFuture(() -> exchange.contextWrite(context).toFuture(), true));
    }

    private Mono<WikiResponse> throughWebClient(WebClient client, HttpMethod method, URI uri,
            @Nullable String authorization, @Nullable String contentType, @Nullable Flux<DataBuffer> body,
            long length) {
        WebClient.RequestBodySpec spec = client.method(method).uri(uri).header(HttpHeaders.USER_AGENT, userAgent);
        if (authorization != null) {
            spec = spec.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        WebClient.RequestHeadersSpec<?> request = spec;
        if (body != null) {
            if (contentType != null) {
                spec = spec.header(HttpHeaders.CONTENT_TYPE, contentType);
            }
            if (length >= 0) {
                spec = spec.contentLength(length);
            }
            request = spec.body(BodyInserters.fromDataBuffers(body));
        }
        return request.exchangeToMono(response -> response.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .map(bytes -> new WikiResponse(response.statusCode().value(), response.headers().asHttpHeaders(),
                        bytes)));
    }

    private WikiUnavailableException translate(Throwable e, URI uri) {
        String where = uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
        Throwable cause = e instanceof WebClientRequestException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof TimeoutException || cause instanceof ReadTimeoutException
                || cause instanceof io.netty.channel.ConnectTimeoutException) {
            return new WikiUnavailableException(Kind.TIMEOUT, "No answer from " + where + " within " + timeout, e);
        }
        if (cause instanceof DataBufferLimitException) {
            return new WikiUnavailableException(Kind.MALFORMED_RESPONSE,
                    "The answer of " + where + " is larger than the configured limit", e);
        }
        if (cause.getClass().getSimpleName().equals("PoolAcquirePendingLimitException")) { // a shaded class
            return new WikiUnavailableException(Kind.UNREACHABLE, "Too many calls are waiting for a connection to "
                    + where + " (at most twice the connection limit may wait)", e);
        }
        if (cause instanceof ConnectException || cause instanceof PrematureCloseException
                || e instanceof WebClientRequestException) {
            return new WikiUnavailableException(Kind.UNREACHABLE, "Could not reach " + where + ": " + cause.getMessage(), e);
        }
        return new WikiUnavailableException(Kind.UNREACHABLE, "Exchange with " + where + " failed: " + cause, e);
    }
}
