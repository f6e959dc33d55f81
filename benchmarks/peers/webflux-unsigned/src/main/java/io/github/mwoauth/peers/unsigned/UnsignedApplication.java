package io.github.mwoauth.peers.unsigned;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The same-stack limit (d2) of the load benchmark: Boot WebFlux with Spring Session in Redis set up as the demo's,
 * a {@code WebClient} built as the library builds its own, and the demo's {@code /test_query} call sent unsigned
 * (the wiki answers it anonymously). What the demo spends beyond this app is the library's own cost.
 *
 * <pre>
 * WIKI_API=http://127.0.0.1:8181/w/api.php SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=6379 \
 *   java -jar mwoauth-peer-webflux-unsigned-*.jar --server.port=8090
 * </pre>
 *
 * <ul>
 *   <li>{@code WIKI_API}: the wiki's api.php URL (required);
 *   <li>{@code SPRING_DATA_REDIS_HOST}, {@code SPRING_DATA_REDIS_PORT}: the session store;
 *   <li>{@code PEER_SESSION_TOUCH_INTERVAL}: how often a session only read is written back (default {@code 60s},
 *       the demo's; {@code 0s} for Spring Session's own default, a write on every request).
 * </ul>
 *
 * <p>{@code GET /seed?user=NAME} stores the name in the session (a load tool gets its cookie without OAuth);
 * {@code /} shows it; {@code /test_query} shows the name's contributions.
 */
@SpringBootApplication(excludeName = "io.github.mwoauth.webflux.autoconfigure.MediaWikiOAuthAutoConfiguration")
public class UnsignedApplication {

    public static void main(String[] args) {
        SpringApplication.run(UnsignedApplication.class, args);
    }
}
