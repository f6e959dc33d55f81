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
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.web.server.SecurityWebFilterChain;
import reactor.core.publisher.Mono;

/**
 * With Spring Security on the class path, the MediaWiki login as its authentication: a
 * {@link MediaWikiAuthoritiesMapper} ({@link MediaWikiAuthoritiesMapper#standard()}), the {@link MediaWikiSecurity}
 * customizer for the application's own chain, and an authentication manager that refuses passwords, in the place
 * of Spring Boot's in-memory user with a generated password (users log in through the wiki).
 * {@link MediaWikiSecurityWebFilterChainAutoConfiguration} adds the chain when the application has none. Without
 * Spring Security, nothing of this exists.
 */
@AutoConfiguration(after = MediaWikiOAuthAutoConfiguration.class,
        beforeName = "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration")
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

    /** Users log in through the wiki: a user name and password (Basic, a login form) gets nobody in. */
    @Bean
    @ConditionalOnMissingBean({ReactiveAuthenticationManager.class, ReactiveUserDetailsService.class})
    @ConditionalOnBean(MediaWikiSecurity.class)
    public ReactiveAuthenticationManager mediaWikiAuthenticationManager() {
        return authentication -> Mono.error(new BadCredentialsException(
                "Users log in through the wiki; there are no passwords here"));
    }
}
