package io.github.mwoauth.peers.scribejava;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The OAuth 1.0a peer of the load benchmark, what a Java developer would write instead of using the library:
 * Spring MVC on Tomcat (its default thread pool), the session in Redis through Spring Session (servlet, its
 * defaults), and scribejava's {@code OAuth10aService} for the handshake and for signing the api.php call, which runs
 * on the request thread with scribejava's default HTTP client.
 *
 * <pre>
 * WIKI_INDEX=http://127.0.0.1:8181/w/index.php WIKI_API=http://127.0.0.1:8181/w/api.php \
 *   CONSUMER_KEY=... CONSUMER_SECRET=... CALLBACK_URL=http://127.0.0.1:8091/oauth-callback \
 *   SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=6379 \
 *   java -jar mwoauth-peer-mvc-scribejava-*.jar --server.port=8091
 * </pre>
 *
 * <ul>
 *   <li>{@code WIKI_INDEX}, {@code WIKI_API}: the wiki's index.php and api.php URLs;
 *   <li>{@code CONSUMER_KEY}, {@code CONSUMER_SECRET}: the OAuth 1.0a consumer;
 *   <li>{@code CALLBACK_URL}: this app's {@code /oauth-callback}, sent as {@code oauth_callback} (the consumer must
 *       be a prefix consumer whose registered callback is a prefix of it); unset, {@code oob} is sent and the wiki
 *       sends the user to the consumer's registered callback;
 *   <li>{@code SPRING_DATA_REDIS_HOST}, {@code SPRING_DATA_REDIS_PORT}: the session store.
 * </ul>
 *
 * <p>{@code /login} starts the handshake, {@code /oauth-callback} ends it (access token, then the identify JWT),
 * {@code /} shows the user, {@code /test_query} the user's contributions.
 */
@SpringBootApplication
public class ScribejavaApplication {

    public static void main(String[] args) {
        SpringApplication.run(ScribejavaApplication.class, args);
    }
}
