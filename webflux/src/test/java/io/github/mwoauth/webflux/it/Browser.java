package io.github.mwoauth.webflux.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.webflux.autoconfigure.OAuthProtocol;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
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

    /** A GET as a browser sends it: {@code Accept: text/html}, and {@code Sec-Fetch-Site} when not null. */
    EntityExchangeResult<String> getHtml(String uri, @Nullable String fetchSite) {
        WebTestClient.RequestHeadersSpec<?> spec = client.get().uri(URI.create(uri))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        if (fetchSite != null) {
            spec = spec.header("Sec-Fetch-Site", fetchSite);
        }
        return keep(withCookie(spec).exchange().expectBody(String.class).returnResult());
    }

    /** A POST with one header ({@code name} null: none), e.g. a CSRF token. */
    EntityExchangeResult<String> post(String uri, @Nullable String name, String value) {
        WebTestClient.RequestHeadersSpec<?> spec = client.post().uri(URI.create(uri));
        if (name != null) {
            spec = spec.header(name, value);
        }
        return keep(withCookie(spec).exchange().expectBody(String.class).returnResult());
    }

    EntityExchangeResult<String> post(String uri) {
        WebTestClient.RequestHeadersSpec<?> spec = client.post().uri(URI.create(uri));
        return keep(withCookie(spec).exchange().expectBody(String.class).returnResult());
    }

    /**
     * Logs in through the routes: {@code loginUri}, the user's Allow on the wiki, then the callback.
     *
     * @return the callback's response
     */
    EntityExchangeResult<String> login(LocalWiki wiki, String user, String loginUri) {
        return login(wiki, OAuthProtocol.OAUTH1, user, loginUri);
    }

    /** {@link #login(LocalWiki, String, String)} with either protocol. */
    EntityExchangeResult<String> login(LocalWiki wiki, OAuthProtocol protocol, String user, String loginUri) {
        EntityExchangeResult<String> login = get(loginUri);
        assertThat(login.getStatus()).isEqualTo(HttpStatus.FOUND);
        return get(approve(wiki, protocol, login.getResponseHeaders().getLocation(), user));
    }

    /**
     * The user presses Allow on the wiki's consent page for the wiki URL {@code authorize} (where the login route
     * redirected); the app's callback path and query the wiki then sends the browser to.
     */
    static String approve(LocalWiki wiki, OAuthProtocol protocol, @Nullable URI authorize, String user) {
        assertThat(authorize).isNotNull();
        return switch (protocol) {
            case OAUTH1 -> "/oauth-callback?" + wiki.approve(requestToken(authorize), user).callbackQuery();
            case OAUTH2 -> "/oauth-callback?" + URI.create(wiki.approveOAuth2(authorize, user).redirectUrl()).getRawQuery();
        };
    }

    /** The {@code oauth_token} of the wiki's authorize URL. */
    static String requestToken(@Nullable URI authorize) {
        Matcher m = Pattern.compile("oauth_token=([0-9a-f]+)").matcher(String.valueOf(authorize));
        assertThat(m.find()).as("authorize URL carries oauth_token: " + authorize).isTrue();
        return m.group(1);
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
