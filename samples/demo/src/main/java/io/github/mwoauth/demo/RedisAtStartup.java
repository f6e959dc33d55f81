package io.github.mwoauth.demo;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Opens the Redis connection at start-up. Spring Data Redis otherwise opens its shared connection on first
 * use, on the request's thread, which on a cold, busy machine can take longer than the session store bound
 * ({@code mediawiki.oauth.session-store-timeout}): the first login would get a 503.
 */
@Configuration(proxyBeanMethods = false)
class RedisAtStartup {

    /**
     * Lettuce answers every command of the shared connection on its one I/O thread, and without this WebFlux would
     * run each page after its session load on that same thread; with it, answers are emitted on Lettuce's
     * computation threads (one per core), so pages run in parallel.
     *
     * <p>While the connection to Redis is down, Lettuce by default queues commands until it reconnects, so every
     * page waits out the command timeout; rejecting them instead answers 503 at once, and the timeout
     * ({@code spring.data.redis.timeout}) only bounds a Redis that is connected but slow.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer redisAnswersOffTheIoThread() {
        return options -> options.publishOnScheduler(true).disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    static BeanPostProcessor eagerRedisConnection() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof LettuceConnectionFactory factory) {
                    factory.setEagerInitialization(true);
                }
                return bean;
            }
        };
    }
}
