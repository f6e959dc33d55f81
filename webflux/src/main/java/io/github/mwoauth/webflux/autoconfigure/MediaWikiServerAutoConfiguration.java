package io.github.mwoauth.webflux.autoconfigure;

import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * On Spring Boot's Reactor Netty server, {@link LeftoverConnections}: a rolling restart behind a proxy that keeps
 * connections alive answers no request with 503 while the instance shuts down.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({NettyServerCustomizer.class, reactor.netty.http.server.HttpServer.class})
public class MediaWikiServerAutoConfiguration {

    /** Waits for requests on the connections left open as long as a shutdown phase may last (30 s by default). */
    @Bean
    @ConditionalOnMissingBean
    public LeftoverConnections mediaWikiLeftoverConnections(Environment environment) {
        return new LeftoverConnections(environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase",
                Duration.class, Duration.ofSeconds(30)));
    }
}
