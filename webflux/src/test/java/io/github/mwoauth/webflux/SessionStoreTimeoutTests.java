package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.github.mwoauth.Freshness;
import io.github.mwoauth.ReactiveMediaWikiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.publisher.Mono;

/** A session store that hangs or fails gives 503 pages within the bound, from the routes and from the filter. */
class SessionStoreTimeoutTests {

    private static final Duration BOUND = Duration.ofMillis(300);

    private final SessionSealer sealer = SessionSealer.ephemeral();
    private final WebSessionCredentialsRepository users = new WebSessionCredentialsRepository(sealer,
            TestLogins.OAUTH1, new SessionAccess(BOUND));
    private final ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder().wiki("http://127.0.0.1:9/w")
            .login(TestLogins.OAUTH1).userAgent("Test/1.0").tokenStore(new WebSessionTokenStore(users)).build();

    private WebTestClient app(WebSessionManager sessions) {
        return WebTestClient.bindToRouterFunction(MediaWikiOAuthRoutes
                        .create(TestLogins.OAUTH1, users, new WebSessionPendingLoginRepository(sealer),
                                MediaWikiOAuthOptions.defaults())
                        .and(RouterFunctions.route().GET("/", request -> client.currentUser(Freshness.CACHED)
                                .map(user -> user.displayName()).defaultIfEmpty("not logged in")
                                .flatMap(text -> ServerResponse.ok().bodyValue(text))).build()))
                .webFilter(new MediaWikiSessionWebFilter("/login"))
                .webSessionManager(sessions)
                .configureClient().responseTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void loginCallbackLogoutWhenSessionStoreHangsThen503WithinBound() {
        WebTestClient web = app(exchange -> Mono.never());
        for (String path : new String[] {"/login", "/oauth-callback?oauth_token=a&oauth_verifier=b", "/logout"}) {
            long start = System.nanoTime();
            EntityExchangeResult<String> result = web.get().uri(path).exchange().expectBody(String.class)
                    .returnResult();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(result.getStatus()).as(path).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(result.getResponseBody()).as(path).contains("session store cannot be reached");
            assertThat(took).as(path).isGreaterThanOrEqualTo(BOUND).isLessThan(BOUND.plusSeconds(2));
        }
    }

    @Test
    void pageWhenSessionStoreHangsThenClientGivesUpAtTheBoundAndFilterAnswers503Page() {
        WebTestClient web = app(exchange -> Mono.never());
        long start = System.nanoTime();
        EntityExchangeResult<String> result = web.get().uri("/").exchange().expectBody(String.class).returnResult();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(result.getResponseBody()).contains("store cannot be reached");
        assertThat(took).isGreaterThanOrEqualTo(BOUND).isLessThan(BOUND.plusSeconds(2));
    }

    @Test
    void setSessionStoreTimeoutWhenNotPositiveThenRefused() {
        assertThatThrownBy(() -> new SessionAccess(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    @Test
    void pageWhenSessionStoreFailsThenFilterAnswers503PageAndLogsTheCause() {
        WebTestClient web = app(exchange -> Mono.error(new IllegalStateException("connection refused")));
        Logger logger = (Logger) LoggerFactory.getLogger(MediaWikiSessionWebFilter.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        logger.setLevel(Level.DEBUG);
        EntityExchangeResult<String> result;
        try {
            result = web.get().uri("/").exchange().expectBody(String.class).returnResult();
        } finally {
            logger.detachAppender(log);
            logger.setLevel(null);
        }
        assertThat(result.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(result.getResponseHeaders().getCacheControl()).isEqualTo("no-store");
        assertThat(result.getResponseBody()).contains("store cannot be reached").doesNotContain("Exception");
        // at WARN, or at DEBUG when another test's warning went out less than a second ago
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).anyMatch(message -> message.startsWith(
                "Session store unavailable, answering 503 to GET /: java.lang.IllegalStateException: connection refused"));
    }

    @Test
    void logoutWhenSessionSaveFailsAlsoAtCommitThen503PageNot500() {
        FailingSession session = new FailingSession();
        WebTestClient web = app(exchange -> {
            exchange.getResponse().beforeCommit(session::save);
            return Mono.just(session);
        });
        session.getAttributes().put("mwoauth.user", "sealed");
        EntityExchangeResult<String> result = web.get().uri("/logout").exchange().expectBody(String.class).returnResult();
        assertThat(session.saves).as("saved by the route, then at commit").isEqualTo(2);
        assertThat(result.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(result.getResponseBody()).contains("cannot be reached");
    }

    @Test
    void pageWhenSessionSaveAtCommitFailsThen503PageNot500() {
        FailingSession session = new FailingSession();
        WebTestClient web = app(exchange -> {
            exchange.getResponse().beforeCommit(session::save);
            return Mono.just(session);
        });
        EntityExchangeResult<String> result = web.get().uri("/").exchange().expectBody(String.class).returnResult();
        assertThat(session.saves).isEqualTo(1);
        assertThat(result.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(result.getResponseBody()).contains("cannot be reached").doesNotContain("not logged in");
    }

    /** A started session whose store refuses every save, as Redis does when it has just gone away. */
    private static final class FailingSession implements WebSession {
        final Map<String, Object> attributes = new ConcurrentHashMap<>();
        int saves;

        @Override
        public String getId() {
            return "id";
        }

        @Override
        public Map<String, Object> getAttributes() {
            return attributes;
        }

        @Override
        public void start() {
        }

        @Override
        public boolean isStarted() {
            return true;
        }

        @Override
        public Mono<Void> changeSessionId() {
            return Mono.empty();
        }

        @Override
        public Mono<Void> invalidate() {
            return Mono.empty();
        }

        @Override
        public Mono<Void> save() {
            return Mono.defer(() -> {
                saves++;
                return Mono.error(new IllegalStateException("Connection reset by peer"));
            });
        }

        @Override
        public boolean isExpired() {
            return false;
        }

        @Override
        public Instant getCreationTime() {
            return Instant.EPOCH;
        }

        @Override
        public Instant getLastAccessTime() {
            return Instant.EPOCH;
        }

        @Override
        public void setMaxIdleTime(Duration maxIdleTime) {
        }

        @Override
        public Duration getMaxIdleTime() {
            return Duration.ofMinutes(30);
        }
    }

    @Test
    void defaultsWhenUnsetThenTwoSeconds() {
        assertThat(SessionAccess.defaults().timeout()).isEqualTo(Duration.ofSeconds(2));
    }
}
