package io.github.mwoauth.webflux.autoconfigure;

import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.WebSessionCredentialsRepository;
import io.github.mwoauth.webflux.security.MediaWikiAuthoritiesMapper;
import io.github.mwoauth.webflux.security.MediaWikiSecurity;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * With Spring Security on the class path, the MediaWiki login as its authentication: a
 * {@link MediaWikiAuthoritiesMapper} ({@link MediaWikiAuthoritiesMapper#standard()}), the {@link MediaWikiSecurity}
 * customizer for the application's own chain, and, when the application defines no
 * {@link SecurityWebFilterChain}, a chain of the customizer alone that permits every request (the pages decide,
 * as without Spring Security; the user is the request's principal). Without Spring Security, nothing of this exists.
 */
@AutoConfiguration(after = MediaWikiOAuthAutoConfiguration.class,
        afterName = "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ServerHttpSecurity.class, SecurityWebFilterChain.class})
@EnableConfigurationProperties(MediaWikiSecurityProperties.class)
public class MediaWikiSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public MediaWikiAuthoritiesMapper mediaWikiAuthoritiesMapper() {
        return MediaWikiAuthoritiesMapper.standard();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(WebSessionCredentialsRepository.class)
    public MediaWikiSecurity mediaWikiSecurity(WebSessionCredentialsRepository users, MediaWikiOAuthOptions options,
            MediaWikiAuthoritiesMapper authorities, MediaWikiSecurityProperties properties) {
        MediaWikiSecurity security = new MediaWikiSecurity(users, options, authorities);
        MediaWikiSecurity.GetLogout getLogout = properties.getGetLogout();
        if (getLogout != null) {
            security.setGetLogout(getLogout);
        }
        return security;
    }

    /** The chain when the application has none: the customizer, every request permitted. */
    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    @ConditionalOnBean({MediaWikiSecurity.class, ServerHttpSecurity.class})
    public SecurityWebFilterChain mediaWikiSecurityWebFilterChain(ServerHttpSecurity http, MediaWikiSecurity security) {
        security.customize(http);
        return http.authorizeExchange(exchange -> exchange.anyExchange().permitAll()).build();
    }
}
