package io.github.mwoauth.demo;

import org.springframework.beans.factory.config.BeanPostProcessor;
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
