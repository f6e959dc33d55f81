package io.github.mwoauth.webflux;

import io.github.mwoauth.InvalidAuthorizationException;
import io.github.mwoauth.LoginRequiredException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Binds each request's exchange (and so its {@link org.springframework.web.server.WebSession}) to the Reactor
 * context, so that {@code client.request(query)} inside a handler acts as the user of that request, like
 * flask-mwoauth's request-bound {@code request()}.
 *
 * <p>With a login path set, a {@link LoginRequiredException} escaping a {@code GET} or {@code HEAD} handler
 * becomes a redirect to {@code <login>?next=<the current path and query>}; other methods get 401. So does an
 * {@link InvalidAuthorizationException} saying the grant was revoked: the client has already cleared the
 * session's tokens, and logging in again is what the user needs.
 *
 * <p>A {@link SessionStoreUnavailableException} escaping a handler (the session store, Redis, is down), or a
 * response whose session save at commit fails, becomes a small 503 page rather than a 500.
 */
public final class MediaWikiSessionWebFilter implements WebFilter, Ordered {

    /** Early, so that other filters' and every handler's subscriptions see the exchange. */
    public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private static final Logger log = LoggerFactory.getLogger(MediaWikiSessionWebFilter.class);
    private static final ThrottledWarning storeDownWarning = new ThrottledWarning(log);

    private final String loginPath;
    private int order = DEFAULT_ORDER;
    private LoginErrorRenderer errorRenderer = LoginErrorRenderer.standard();

    /** A filter that only binds the exchange; {@link LoginRequiredException} passes through. */
    public MediaWikiSessionWebFilter() {
        this.loginPath = "";
    }

    /**
     * A filter that also sends users who need to log in to {@code loginPath}.
     *
     * @param loginPath the full login path, e.g. {@code /login}
     */
    public MediaWikiSessionWebFilter(String loginPath) {
        Objects.requireNonNull(loginPath, "loginPath cannot be null");
        if (!loginPath.startsWith("/") || loginPath.startsWith("//")) {
            throw new IllegalArgumentException("loginPath must start with one /, not " + loginPath);
        }
        this.loginPath = loginPath;
    }

    /** How the 503 page is shown: the same renderer as the login routes' (default {@link LoginErrorRenderer#standard()}). */
    public void setErrorRenderer(LoginErrorRenderer errorRenderer) {
        this.errorRenderer = Objects.requireNonNull(errorRenderer, "errorRenderer cannot be null");
    }

    public void setOrder(int order) {
        this.order = order;
    }

    @Override
    public int getOrder() {
        return order;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        AtomicBoolean committing = new AtomicBoolean();
        ServerWebExchange watched = exchange.mutate().response(new CommitWatch(exchange.getResponse(), committing))
                .build();
        Mono<Void> handled = chain.filter(watched);
        if (!loginPath.isEmpty()) {
            handled = handled.onErrorResume(MediaWikiSessionWebFilter::needsLogin, e -> toLogin(exchange, e));
        }
        handled = handled.onErrorResume(e -> storeDown(exchange, e, committing.get()), e -> storeDownPage(exchange, e, errorRenderer));
        return handled.contextWrite(context -> SessionAccess.withExchange(context, watched));
    }

    private static boolean needsLogin(Throwable e) {
        return e instanceof LoginRequiredException
                || e instanceof InvalidAuthorizationException invalid && invalid.isGrantRevoked();
    }

    private Mono<Void> toLogin(ServerWebExchange exchange, Throwable e) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(e);
        }
        HttpMethod method = exchange.getRequest().getMethod();
        return LoginRequiredResponse.send(exchange, loginPath,
                HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method));
    }

    /**
     * The session store is down: a handler said so, or sending the response failed in a commit action, which
     * is where WebFlux saves the session (to the same store); the page is then sent without that save.
     */
    private static boolean storeDown(ServerWebExchange exchange, Throwable e, boolean committing) {
        return e instanceof SessionStoreUnavailableException || committing && !exchange.getResponse().isCommitted();
    }

    /** Notes that sending the response began: a failure from then on with nothing committed is a commit action's. */
    private static final class CommitWatch extends ServerHttpResponseDecorator {

        private final AtomicBoolean committing;

        CommitWatch(ServerHttpResponse delegate, AtomicBoolean committing) {
            super(delegate);
            this.committing = committing;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return Mono.defer(() -> {
                committing.set(true);
                return super.writeWith(body);
            });
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return Mono.defer(() -> {
                committing.set(true);
                return super.writeAndFlushWith(body);
            });
        }

        @Override
        public Mono<Void> setComplete() {
            return Mono.defer(() -> {
                committing.set(true);
                return super.setComplete();
            });
        }
    }

    private static Mono<Void> storeDownPage(ServerWebExchange exchange, Throwable e, LoginErrorRenderer renderer) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(e);
        }
        Throwable cause = e instanceof SessionStoreUnavailableException && e.getCause() != null ? e.getCause() : e;
        storeDownWarning.log("Session store unavailable, answering 503 to {} {}: {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().value(), String.valueOf(cause));
        log.debug("Session store failure", e);
        ServerRequest request = ServerRequest.create(exchange, STRATEGIES.messageReaders());
        return renderer.render(request, LoginErrors.storeDown())
                .flatMap(page -> page.writeTo(exchange, RESPONSE_CONTEXT));
    }

    private static final HandlerStrategies STRATEGIES = HandlerStrategies.withDefaults();

    /** How rendered pages are written: the default codecs, no view resolvers. */
    private static final ServerResponse.Context RESPONSE_CONTEXT = new ServerResponse.Context() {
        @Override
        public List<HttpMessageWriter<?>> messageWriters() {
            return STRATEGIES.messageWriters();
        }

        @Override
        public List<ViewResolver> viewResolvers() {
            return List.of();
        }
    };
}
