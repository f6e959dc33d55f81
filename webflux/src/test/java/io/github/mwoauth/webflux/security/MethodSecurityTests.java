package io.github.mwoauth.webflux.security;

import io.github.mwoauth.MediaWikiIdentity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

/** {@code @PreAuthorize} on the authorities of a wiki user. */
class MethodSecurityTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void preAuthorizeWhenWikiGroupThenAllowedElseDenied() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Config.class)) {
            AdminTools tools = context.getBean(AdminTools.class);

            StepVerifier.create(tools.block().contextWrite(as("Sam", "sysop")))
                    .expectNext("blocked by Sam").expectComplete().verify(WAIT);
            StepVerifier.create(tools.block().contextWrite(as("Alice", "autoconfirmed")))
                    .expectError(AccessDeniedException.class).verify(WAIT);
        }
    }

    private static Context as(String name, String group) {
        MediaWikiIdentity identity = new MediaWikiIdentity("1", name, List.of("*", "user", group), List.of(),
                List.of("basic"), 0, false, false, null, null, null, Map.of());
        return ReactiveSecurityContextHolder.withAuthentication(new MediaWikiAuthentication(identity,
                MediaWikiAuthoritiesMapper.standard().authorities(identity)));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableReactiveMethodSecurity
    static class Config {
        @Bean
        AdminTools adminTools() {
            return new AdminTools();
        }
    }

    static class AdminTools {
        @PreAuthorize("hasAuthority('GROUP_sysop')")
        public Mono<String> block() {
            return ReactiveSecurityContextHolder.getContext()
                    .map(security -> "blocked by " + security.getAuthentication().getName());
        }
    }
}
