package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.LoginRequiredException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class MediaWikiSessionWebFilterTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final WebFilterChain needsLogin = exchange -> Mono.error(new LoginRequiredException("log in"));

    @Test
    void filterWhenHandlerRunsThenExchangeIsInReactorContext() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x"));
        WebFilterChain chain = e -> Mono.deferContextual(context -> {
            assertThat(context.<ServerWebExchange>get(SessionAccess.EXCHANGE_CONTEXT_KEY)).isSameAs(e);
            return Mono.empty();
        });

        StepVerifier.create(new MediaWikiSessionWebFilter().filter(exchange, chain)).expectComplete().verify(WAIT);
    }

    @Test
    void filterWhenGetNeedsLoginThenRedirectsNotStoredWithNextThatValidatesBackToTheSamePlace() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.method(HttpMethod.GET, URI.create("/wiki/Caf%C3%A9?a=1&b=x%20y+z")));

        StepVerifier.create(new MediaWikiSessionWebFilter("/auth/login").filter(exchange, needsLogin))
                .expectComplete().verify(WAIT);

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FOUND);
        URI location = exchange.getResponse().getHeaders().getLocation();
        assertThat(location.getPath()).isEqualTo("/auth/login");
        String next = UriComponentsBuilder.fromUri(location).build().getQueryParams().getFirst("next");
        String decoded = UriUtils.decode(next, StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo("/wiki/Caf%C3%A9?a=1&b=x%20y+z");
        assertThat(NextPath.validate(decoded)).contains(decoded);
        assertThat(exchange.getResponse().getHeaders().getCacheControl()).isEqualTo("no-store");
    }

    @Test
    void filterWhenHeadNeedsLoginThenRedirectsLikeGetAndNotStored() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.method(HttpMethod.HEAD, URI.create("/wiki/Page?a=1")));

        StepVerifier.create(new MediaWikiSessionWebFilter("/auth/login").filter(exchange, needsLogin))
                .expectComplete().verify(WAIT);

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FOUND);
        URI location = exchange.getResponse().getHeaders().getLocation();
        assertThat(location.getPath()).isEqualTo("/auth/login");
        assertThat(UriUtils.decode(UriComponentsBuilder.fromUri(location).build().getQueryParams().getFirst("next"),
                StandardCharsets.UTF_8)).isEqualTo("/wiki/Page?a=1");
        assertThat(exchange.getResponse().getHeaders().getCacheControl()).isEqualTo("no-store");
    }

    @Test
    void filterWhenPostNeedsLoginThen401NotStored() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/edit"));

        StepVerifier.create(new MediaWikiSessionWebFilter("/login").filter(exchange, needsLogin))
                .expectComplete().verify(WAIT);

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getHeaders().getLocation()).isNull();
        assertThat(exchange.getResponse().getHeaders().getCacheControl()).isEqualTo("no-store");
    }

    @Test
    void filterWhenNoLoginPathThenLoginRequiredPassesThrough() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x"));

        StepVerifier.create(new MediaWikiSessionWebFilter().filter(exchange, needsLogin))
                .expectError(LoginRequiredException.class).verify(WAIT);
    }
}
