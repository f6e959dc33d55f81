package io.github.mwoauth.peers.unsigned;

import io.github.mwoauth.webflux.CompactSessionRedisSerializer;
import io.github.mwoauth.webflux.DrbgSessionIdGenerator;
import io.github.mwoauth.webflux.TouchThrottlingSessionRepository;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.web.server.session.SpringSessionWebSessionStore;
import org.springframework.web.server.session.DefaultWebSessionManager;

/**
 * The demo's session set-up without the library's login: what its auto-configuration adds to Spring Session's
 * Redis defaults (the demo's {@code mediawiki.oauth.compact-session-serializer=true}, session ids from a DRBG, and a
 * session only read written back once a minute) and the demo's Lettuce options, so that both sides read and write
 * Redis alike.
 */
@Configuration(proxyBeanMethods = false)
class SessionSetUp {

    /** The demo's Lettuce options: answers handed to Lettuce's computation threads, commands refused while down. */
    @Bean
    LettuceClientOptionsBuilderCustomizer redisAnswersOffTheIoThread() {
        return options -> options.publishOnScheduler(true).disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
    }

    /** The bean name Spring Session looks up for its Redis serializer. */
    @Bean("springSessionDefaultRedisSerializer")
    RedisSerializer<Object> springSessionDefaultRedisSerializer() {
        return new CompactSessionRedisSerializer();
    }

    @Bean
    SessionIdGenerator sessionIdGenerator() {
        return new DrbgSessionIdGenerator();
    }

    @Bean
    static BeanPostProcessor sessionTouchThrottling(ObjectProvider<ReactiveSessionRepository<?>> repositories,
            @Value("${peer.session-touch-interval:60s}") Duration interval) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DefaultWebSessionManager manager && !interval.isZero() && !interval.isNegative()
                        && manager.getSessionStore() instanceof SpringSessionWebSessionStore<?>) {
                    manager.setSessionStore(new SpringSessionWebSessionStore<>(throttled(repositories.getObject(),
                            interval)));
                }
                return bean;
            }
        };
    }

    private static <S extends Session> TouchThrottlingSessionRepository<S> throttled(
            ReactiveSessionRepository<S> repository, Duration interval) {
        return new TouchThrottlingSessionRepository<>(repository, interval);
    }
}
