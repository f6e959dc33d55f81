package io.github.mwoauth.peers.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The OAuth 2.0 peer of the load benchmark, what a Spring developer would write instead of using the library:
 * Boot WebFlux with Spring Security's {@code oauth2Login()} against the wiki's {@code rest.php/oauth2} endpoints,
 * the security context and the authorized clients in the WebSession (Spring Session in Redis, its defaults), and
 * the api.php call through a {@code WebClient} with {@code ServerOAuth2AuthorizedClientExchangeFilterFunction}
 * (the bearer token, refreshed by the authorized-client manager when it expires).
 *
 * <pre>
 * WIKI_SCRIPT_PATH=http://127.0.0.1:8181/w OAUTH2_CLIENT_ID=... OAUTH2_CLIENT_SECRET=... \
 *   SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=6379 \
 *   java -jar mwoauth-peer-security-oauth2-*.jar --server.port=8092
 * </pre>
 *
 * <ul>
 *   <li>{@code WIKI_SCRIPT_PATH}: the wiki's script path (index.php, api.php and rest.php below it);
 *   <li>{@code OAUTH2_CLIENT_ID}, {@code OAUTH2_CLIENT_SECRET}: a confidential OAuth 2.0 client whose registered
 *       redirect URI is {@code http://127.0.0.1:PORT/login/oauth2/code/mediawiki} (the wiki compares it exactly);
 *   <li>{@code SPRING_DATA_REDIS_HOST}, {@code SPRING_DATA_REDIS_PORT}: the session store.
 * </ul>
 *
 * <p>{@code /login} redirects to Spring Security's {@code /oauth2/authorization/mediawiki}; {@code /} shows the
 * user, {@code /test_query} the user's contributions.
 */
@SpringBootApplication
public class SecurityApplication {

    public static void main(String[] args) {
        SpringApplication.run(SecurityApplication.class, args);
    }
}
