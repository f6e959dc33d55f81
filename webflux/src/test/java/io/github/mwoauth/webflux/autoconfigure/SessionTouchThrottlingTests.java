package io.github.mwoauth.webflux.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.MapSession;
import org.springframework.session.ReactiveMapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.config.annotation.web.server.EnableSpringWebSession;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionStore;

class SessionTouchThrottlingTests {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MediaWikiOAuthAutoConfiguration.class))
            .withUserConfiguration(MapSessions.class);

    @Test
    void whenSpringSessionThenReadOnlyRequestDoesNotWriteTheSession() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            WebSessionStore store = context.getBean(DefaultWebSessionManager.class).getSessionStore();
            Map<String, Session> stored = context.getBean(MapSessions.class).stored;
            String id = savedSession(store);
            Instant written = stored.get(id).getLastAccessedTime();

            WebSession again = store.retrieveSession(id).block(Duration.ofSeconds(5));
            again.save().block(Duration.ofSeconds(5));

            assertThat(stored.get(id).getLastAccessedTime()).isEqualTo(written);
            assertThat(again.getLastAccessTime()).isAfterOrEqualTo(written);

            again.getAttributes().put("changed", "yes");
            again.save().block(Duration.ofSeconds(5));
            assertThat(stored.get(id).<String>getAttribute("changed")).isEqualTo("yes");
            assertThat(stored.get(id).getLastAccessedTime()).isEqualTo(again.getLastAccessTime());
        });
    }

    @Test
    void whenTouchIntervalZeroThenSpringSessionStoreKept() {
        runner.withPropertyValues("mediawiki.oauth.session-touch-interval=0").run(context -> {
            WebSessionStore store = context.getBean(DefaultWebSessionManager.class).getSessionStore();
            Map<String, Session> stored = context.getBean(MapSessions.class).stored;
            String id = savedSession(store);
            Instant written = stored.get(id).getLastAccessedTime();
            Thread.sleep(2);

            WebSession again = store.retrieveSession(id).block(Duration.ofSeconds(5));
            again.save().block(Duration.ofSeconds(5));

            assertThat(stored.get(id).getLastAccessedTime()).isAfter(written);
        });
    }

    private static String savedSession(WebSessionStore store) {
        WebSession session = store.createWebSession().block(Duration.ofSeconds(5));
        session.getAttributes().put("user", "Alice");
        session.save().block(Duration.ofSeconds(5));
        return session.getId();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableSpringWebSession
    static class MapSessions {

        final Map<String, Session> stored = new ConcurrentHashMap<>();

        @Bean
        ReactiveMapSessionRepository sessionRepository() {
            ReactiveMapSessionRepository repository = new ReactiveMapSessionRepository(stored);
            repository.setDefaultMaxInactiveInterval(Duration.ofMinutes(30));
            return repository;
        }
    }
}
