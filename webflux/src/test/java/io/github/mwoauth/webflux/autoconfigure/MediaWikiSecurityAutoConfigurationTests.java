package io.github.mwoauth.webflux.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.webflux.LoginApprover;
import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.security.MediaWikiAuthoritiesMapper;
import io.github.mwoauth.webflux.security.MediaWikiSecurity;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.util.ReflectionTestUtils;
import reactor.test.StepVerifier;

class MediaWikiSecurityAutoConfigurationTests {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MediaWikiOAuthAutoConfiguration.class,
                    MediaWikiSecurityAutoConfiguration.class, MediaWikiSecurityWebFilterChainAutoConfiguration.class,
                    ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class))
            .withPropertyValues("mediawiki.oauth.wiki=https://wiki.example/w",
                    "mediawiki.oauth.oauth2.client-id=0123456789abcdef0123456789abcdef",
                    "mediawiki.oauth.oauth2.client-secret=0123456789abcdef0123456789abcdef01234567",
                    "mediawiki.oauth.user-agent=Test/1.0 (test@example.org)", "mediawiki.oauth.session-key=" + KEY);

    @Test
    void whenSpringSecurityPresentAndNoChainThenCustomizerMapperAndDefaultChainCreated() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(MediaWikiSecurity.class);
            assertThat(context).hasSingleBean(MediaWikiAuthoritiesMapper.class);
            assertThat(context).hasSingleBean(SecurityWebFilterChain.class);
            assertThat(context).hasBean("mediaWikiSecurityWebFilterChain");
            assertThat(context.getBean(MediaWikiSecurity.class)).hasToString(
                    "MediaWikiSecurity[login=/login, getLogout=SAME_ORIGIN]");
            assertThat(context).as("no user with a generated password").doesNotHaveBean(ReactiveUserDetailsService.class);
            StepVerifier.create(context.getBean(ReactiveAuthenticationManager.class)
                            .authenticate(new UsernamePasswordAuthenticationToken("user", "password")))
                    .expectError(BadCredentialsException.class).verify(Duration.ofSeconds(5));
        });
    }

    @Test
    void whenApplicationHasItsOwnChainThenDefaultChainBacksOffAndCustomizerStays() {
        runner.withUserConfiguration(OwnChain.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(SecurityWebFilterChain.class);
            assertThat(context).hasBean("ownChain").doesNotHaveBean("mediaWikiSecurityWebFilterChain");
            assertThat(context).hasSingleBean(MediaWikiSecurity.class);
        });
    }

    @Test
    void whenGetLogoutAndMapperAndApproverConfiguredThenUsed() {
        runner.withPropertyValues("mediawiki.oauth.security.get-logout=refused")
                .withUserConfiguration(OwnMapperAndApprover.class).run(context -> {
                    assertThat(context.getBean(MediaWikiSecurity.class)).hasToString(
                            "MediaWikiSecurity[login=/login, getLogout=REFUSED]");
                    assertThat(context.getBean(MediaWikiAuthoritiesMapper.class))
                            .isSameAs(context.getBean("ownMapper"));
                    assertThat(context.getBean(MediaWikiOAuthOptions.class).loginApprover())
                            .isSameAs(context.getBean("ownApprover"));
                    assertThat(ReflectionTestUtils.getField(context.getBean(MediaWikiSecurity.class)
                            .securityContextRepository(), "authorities")).isSameAs(context.getBean("ownMapper"));
                });
    }

    @Test
    void whenSpringSecurityAbsentThenNothingOfItAndTheLibraryAsBefore() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.security.")).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(MediaWikiSecurity.class);
            assertThat(context).doesNotHaveBean(MediaWikiAuthoritiesMapper.class);
            assertThat(context).doesNotHaveBean("mediaWikiSecurityWebFilterChain");
            assertThat(context).hasBean(MediaWikiOAuthAutoConfiguration.ROUTES_BEAN_NAME);
        });
    }

    @Test
    void whenNoLoginConfiguredThenNoCustomizerAndNoChain() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MediaWikiOAuthAutoConfiguration.class,
                        MediaWikiSecurityAutoConfiguration.class, MediaWikiSecurityWebFilterChainAutoConfiguration.class,
                        ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(MediaWikiSecurity.class);
                    assertThat(context).doesNotHaveBean("mediaWikiSecurityWebFilterChain");
                    assertThat(context).as("Spring Boot's own user, as without the library")
                            .hasSingleBean(ReactiveUserDetailsService.class);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnChain {
        @Bean
        SecurityWebFilterChain ownChain(ServerHttpSecurity http, MediaWikiSecurity mediaWiki) {
            mediaWiki.customize(http);
            return http.authorizeExchange(exchange -> exchange.anyExchange().authenticated()).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMapperAndApprover {
        @Bean
        MediaWikiAuthoritiesMapper ownMapper() {
            return identity -> List.of(new SimpleGrantedAuthority("ROLE_USER"));
        }

        @Bean
        LoginApprover ownApprover() {
            return LoginApprover.requireGrants("editpage");
        }
    }
}
