package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.HandshakeException;
import io.github.mwoauth.WikiUnavailableException;
import io.github.mwoauth.WikiUnavailableException.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;

class StandardLoginErrorRendererTests {

    private final WebTestClient client = WebTestClient.bindToRouterFunction(RouterFunctions.route()
            .GET("/boom", request -> LoginErrorRenderer.standard().render(request,
                    LoginErrors.of(new IllegalStateException("secret-in-message"), "/login")))
            .GET("/wiki", request -> LoginErrorRenderer.standard().render(request,
                    LoginErrors.of(new HandshakeException("token", "The verification code <b>was</b> not valid.",
                            null, null), "/login")))
            .GET("/slow", request -> LoginErrorRenderer.standard().render(request,
                    LoginErrors.of(new WikiUnavailableException(Kind.TIMEOUT, "slow", null), "/login")))
            .build()).build();

    @Test
    void renderWhenBrowserThenEscapedHtmlPage() {
        String body = client.get().uri("/wiki").accept(MediaType.TEXT_HTML, MediaType.ALL).exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("<!DOCTYPE html>", "The verification code &lt;b&gt;was&lt;/b&gt; not valid.",
                "href=\"/login\"").doesNotContain("<b>");
    }

    @Test
    void renderWhenClientPrefersJsonThenJson() {
        client.get().uri("/wiki").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.error").isEqualTo("wiki_refused")
                .jsonPath("$.status").isEqualTo(502)
                .jsonPath("$.message").isEqualTo("The wiki answered: The verification code <b>was</b> not valid.");
    }

    @Test
    void renderWhenUnexpectedFailureThenGenericMessageWithoutStackTraceOrDetail() {
        String body = client.get().uri("/boom").exchange()
                .expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("internal error").doesNotContain("secret-in-message", "Exception", "at io.",
                "IllegalState");
    }

    @Test
    void renderWhenWikiTimesOutThen504() {
        client.get().uri("/slow").exchange().expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
    }

    @Test
    void prefersJsonWhenAcceptVariesThenHtmlUnlessJsonRanksHigher() {
        assertThat(StandardLoginErrorRenderer.prefersJson(List.of())).isFalse();
        assertThat(StandardLoginErrorRenderer.prefersJson(MediaType.parseMediaTypes("*/*"))).isFalse();
        assertThat(StandardLoginErrorRenderer.prefersJson(
                MediaType.parseMediaTypes("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))).isFalse();
        assertThat(StandardLoginErrorRenderer.prefersJson(MediaType.parseMediaTypes("application/json"))).isTrue();
        assertThat(StandardLoginErrorRenderer.prefersJson(MediaType.parseMediaTypes("application/json, */*"))).isTrue();
        assertThat(StandardLoginErrorRenderer.prefersJson(
                MediaType.parseMediaTypes("text/html;q=0.5, application/problem+json"))).isTrue();
        assertThat(StandardLoginErrorRenderer.prefersJson(
                MediaType.parseMediaTypes("text/html, application/json"))).isFalse();
    }
}
