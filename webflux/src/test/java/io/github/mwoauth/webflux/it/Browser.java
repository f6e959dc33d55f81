package io.github.mwoauth.webflux.it;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A WebTestClient with a cookie jar of one cookie, the session cookie. */
final class Browser {

    static final String SESSION_COOKIE = "SESSION";

    private final WebTestClient client;
    private @Nullable String session;

    Browser(WebTestClient client) {
        this.client = client;
    }

    /** A browser that already holds a session cookie (e.g. one another instance set). */
    Browser(WebTestClient client, @Nullable String session) {
        this.client = client;
        this.session = session;
    }

    @Nullable String session() {
        return session;
    }

    void forgetCookies() {
        session = null;
    }

    EntityExchangeResult<String> get(String uri) {
        WebTestClient.RequestHeadersSpec<?> spec = client.get().uri(URI.create(uri));
        return keep(withCookie(spec).exchange().expectBody(String.class).returnResult());
    }

    EntityExchangeResult<String> getJson(String uri) {
        WebTestClient.RequestHeadersSpec<?> spec = client.get().uri(URI.create(uri)).header("Accept", "application/json");
        return keep(withCookie(spec).exchange().expectBody(String.class).returnResult());
    }

    EntityExchangeResult<String> post(String uri) {
        WebTestClient.RequestHeadersSpec<?> spec = client.post().uri(URI.create(uri));
        return keep(withCookie(spec).exchange().expectBody(String.class).returnResult());
    }

    private WebTestClient.RequestHeadersSpec<?> withCookie(WebTestClient.RequestHeadersSpec<?> spec) {
        String value = session;
        return value == null ? spec : spec.cookie(SESSION_COOKIE, value);
    }

    private EntityExchangeResult<String> keep(EntityExchangeResult<String> result) {
        ResponseCookie cookie = result.getResponseCookies().getFirst(SESSION_COOKIE);
        if (cookie != null) {
            session = cookie.getValue().isEmpty() ? null : cookie.getValue();
        }
        return result;
    }
}
