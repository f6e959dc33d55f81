package io.github.mwoauth.webflux.autoconfigure;

import io.github.mwoauth.webflux.TouchThrottlingSessionRepository;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.web.server.session.SpringSessionWebSessionStore;
import org.springframework.web.server.session.DefaultWebSessionManager;

/**
 * Puts a {@link TouchThrottlingSessionRepository} between Spring Session's {@code WebSessionManager} and its
 * repository: Spring Session builds the manager's store from the repository bean itself, so the store is
 * rebuilt around the wrapped repository. Managers with any other store, and a repository that is already a
 * {@code TouchThrottlingSessionRepository}, are left as they are.
 */
final class SessionTouchThrottling implements BeanPostProcessor {

    private final ObjectProvider<ReactiveSessionRepository<?>> repositories;
    private final ObjectProvider<MediaWikiOAuthProperties> properties;

    SessionTouchThrottling(ObjectProvider<ReactiveSessionRepository<?>> repositories,
            ObjectProvider<MediaWikiOAuthProperties> properties) {
        this.repositories = repositories;
        this.properties = properties;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DefaultWebSessionManager manager
                && manager.getSessionStore() instanceof SpringSessionWebSessionStore<?>) {
            ReactiveSessionRepository<?> repository = repositories.getIfUnique();
            Duration interval = properties.getObject().getSessionTouchInterval();
            if (repository != null && !(repository instanceof TouchThrottlingSessionRepository<?>)
                    && !interval.isZero() && !interval.isNegative()) {
                manager.setSessionStore(new SpringSessionWebSessionStore<>(throttled(repository, interval)));
            }
        }
        return bean;
    }

    private static <S extends Session> TouchThrottlingSessionRepository<S> throttled(
            ReactiveSessionRepository<S> repository, Duration interval) {
        return new TouchThrottlingSessionRepository<>(repository, interval);
    }
}
