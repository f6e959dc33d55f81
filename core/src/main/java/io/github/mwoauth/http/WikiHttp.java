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
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.PrematureCloseException;

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

    private final WebClient webClient;
    private final String userAgent;
    private final Duration timeout;

    public WikiHttp(WebClient.Builder builder, String userAgent, Duration connectTimeout, Duration timeout,
            int maxResponseBytes) {
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, connectTimeout.toMillis()))
                .responseTimeout(timeout)
                .compress(true);
        this.webClient = builder.clone()
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(maxResponseBytes))
                .build();
        this.userAgent = userAgent;
        this.timeout = timeout;
    }

    /** POSTs an {@code application/x-www-form-urlencoded} body (possibly empty). */
    public Mono<WikiResponse> postForm(URI uri, List<Parameter> form, String authorization) {
        return exchange(webClient.post().uri(uri)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(FormEncoding.write(form)), uri);
    }

    /** GETs {@code uri}, whose query holds the fields (read-only API queries). */
    public Mono<WikiResponse> get(URI uri, String authorization) {
        return exchange(webClient.get().uri(uri).header(HttpHeaders.AUTHORIZATION, authorization), uri);
    }

    /** A GET when {@code form} is null, else a form POST; an {@code Authorization} header only if given. */
    public Mono<WikiResponse> send(URI uri, @Nullable List<Parameter> form, @Nullable String authorization) {
        WebClient.RequestHeadersSpec<?> spec = form == null ? webClient.get().uri(uri) : webClient.post().uri(uri)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(FormEncoding.write(form));
        return exchange(authorization == null ? spec : spec.header(HttpHeaders.AUTHORIZATION, authorization), uri);
    }

    /**
     * POSTs a {@code multipart/form-data} body, whose fields are not part of the OAuth signature. The body is
     * written here rather than by Spring's multipart writer, whose boundary comes from a {@code SecureRandom}
     * that reads the OS entropy device on the event loop.
     */
    public Mono<WikiResponse> postMultipart(URI uri, List<Parameter> form, String authorization) {
        String boundary = "mwoauth-" + SeededRandom.hex(16);
        return exchange(webClient.post().uri(uri)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .contentType(new MediaType(MediaType.MULTIPART_FORM_DATA, Map.of("boundary", boundary)))
                .bodyValue(multipartBody(form, boundary)), uri);
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
        WebClient.RequestBodySpec spec = webClient.post().uri(uri)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .contentType(new MediaType(MediaType.MULTIPART_FORM_DATA, Map.of("boundary", boundary)));
        if (length >= 0) {
            spec = spec.contentLength(head.length + length + tail.length);
        }
        return exchange(spec.body(BodyInserters.fromDataBuffers(body)), uri);
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
    private Mono<WikiResponse> exchange(WebClient.RequestHeadersSpec<?> spec, URI uri) {
        Mono<WikiResponse> exchange = spec.header(HttpHeaders.USER_AGENT, userAgent)
                .exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .map(body -> new WikiResponse(response.statusCode().value(),
                                response.headers().asHttpHeaders(), body)))
                // named: Reactor's timeout describes its source by name on every subscription, and an unnamed one
                // makes it walk the whole WebClient chain for one
                .name("wiki exchange")
                .timeout(timeout)
                .onErrorMap(e -> !(e instanceof MediaWikiOAuthException), e -> translate(e, uri));
        return Mono.deferContextual(context -> Mono.fromFuture(() -> exchange.contextWrite(context).toFuture(), true));
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
        if (cause instanceof ConnectException || cause instanceof PrematureCloseException
                || e instanceof WebClientRequestException) {
            return new WikiUnavailableException(Kind.UNREACHABLE, "Could not reach " + where + ": " + cause.getMessage(), e);
        }
        return new WikiUnavailableException(Kind.UNREACHABLE, "Exchange with " + where + " failed: " + cause, e);
    }
}
