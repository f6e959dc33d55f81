package io.github.mwoauth.securitydemo;

import io.github.mwoauth.testkit.boot.OfflineMode;
import io.github.mwoauth.webflux.security.MediaWikiSecurity;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The demo behind Spring Security. The library's auto-configuration provides the {@link MediaWikiSecurity}
 * customizer; the chain here adds the application's rules. Offline (no consumer key), the testkit's
 * {@link OfflineMode} starts a LocalWiki, whose demo user is a sysop, and an embedded Redis.
 */
@SpringBootApplication
public class SecurityDemoApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its offline mode listener, as {@link #main} runs it (tests start it this way too). */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(SecurityDemoApplication.class);
        application.addListeners(new OfflineMode("mwoauth security demo")
                .withDemoUserGroups("*", "user", "autoconfirmed", "sysop"));
        return application;
    }

    /** The customizer first (login, logout, CSRF, the entry point), then who may see what. */
    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, MediaWikiSecurity mediaWiki) {
        mediaWiki.customize(http);
        return http.authorizeExchange(exchange -> exchange
                        .pathMatchers("/me").authenticated()
                        .pathMatchers("/admin").hasAuthority("GROUP_sysop")
                        .pathMatchers("/edit").hasAuthority("GRANT_editpage")
                        .anyExchange().permitAll())
                .build();
    }

    /**
     * Opens the shared Redis connection at start-up: Spring Data Redis otherwise opens it, blocking, on the first
     * request's thread.
     */
    @Bean
    ApplicationListener<ApplicationStartedEvent> redisAtStartup(LettuceConnectionFactory redis) {
        return event -> {
            ReactiveRedisConnection connection = redis.getReactiveConnection();
            connection.close();
        };
    }
}
