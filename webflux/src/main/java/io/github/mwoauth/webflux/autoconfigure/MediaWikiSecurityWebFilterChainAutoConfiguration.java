package io.github.mwoauth.webflux.autoconfigure;

import io.github.mwoauth.webflux.security.MediaWikiSecurity;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The Spring Security chain when the application defines no {@link SecurityWebFilterChain}: the
 * {@link MediaWikiSecurity} customizer alone, every request permitted (the pages decide, as without Spring Security;
 * the wiki user is the request's principal). After Spring Boot's WebFlux security, whose
 * {@code @EnableWebFluxSecurity} provides the {@link ServerHttpSecurity} it builds on.
 */
@AutoConfiguration(after = MediaWikiSecurityAutoConfiguration.class,
        afterName = "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ServerHttpSecurity.class, SecurityWebFilterChain.class})
public class MediaWikiSecurityWebFilterChainAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    @ConditionalOnBean({MediaWikiSecurity.class, ServerHttpSecurity.class})
    public SecurityWebFilterChain mediaWikiSecurityWebFilterChain(ServerHttpSecurity http, MediaWikiSecurity security) {
        security.customize(http);
        return http.authorizeExchange(exchange -> exchange.anyExchange().permitAll()).build();
    }
}
