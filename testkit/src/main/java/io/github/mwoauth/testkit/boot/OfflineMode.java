package io.github.mwoauth.testkit.boot;

import io.github.mwoauth.testkit.ConsumerRegistration;
import io.github.mwoauth.testkit.LocalWiki;
import io.github.mwoauth.testkit.OAuth2ClientRegistration;
import io.github.mwoauth.testkit.WikiUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;
import redis.embedded.RedisServer;

/**
 * A Spring Boot application's offline mode, as the demos use it: without {@code mediawiki.oauth.oauth1.consumer-key}
 * or {@code mediawiki.oauth.oauth2.client-id},
 * starts what the application needs on this machine: a LocalWiki with the demo user {@value #DEMO_USER} (signed
 * in on the wiki, with a few contributions), a page to edit ({@code Sandbox}) and, unless
 * {@code spring.data.redis.host} or {@code spring.data.redis.url} is set, an embedded Redis. The consumer's credentials and the session key are
 * made up before the context starts; the consumer is registered with its callback ({@code /oauth-callback} of
 * the application) once the web server's port is known: an OAuth 1.0a consumer, or with
 * {@code mediawiki.oauth.protocol=oauth2} an OAuth 2.0 confidential client. Both stop with the context.
 *
 * <pre>{@code
 * SpringApplication application = new SpringApplication(MyApplication.class);
 * application.addListeners(new OfflineMode("My tool"));
 * application.run(args);
 * }</pre>
 */
public final class OfflineMode implements ApplicationListener<ApplicationEvent> {

    /** The user the LocalWiki signs in on its consent pages. */
    public static final String DEMO_USER = "DemoUser";

    /** The grants of the demo's consumer: the defaults and file uploads. */
    private static final String[] GRANTS = {"basic", "editpage", "createeditmovepage", "highvolume", "uploadfile"};

    /** The property source that holds the made-up settings ({@code mediawiki.oauth.*}, {@code spring.data.redis.*}). */
    public static final String PROPERTY_SOURCE = "mwoauthOffline";

    private static final Logger log = LoggerFactory.getLogger(OfflineMode.class);

    private @Nullable LocalWiki wiki;
    private @Nullable RedisServer redis;
    private @Nullable String consumerKey;
    private @Nullable String consumerSecret;
    private final String application;
    private boolean oauth2;
    private List<String> demoUserGroups = WikiUser.DEFAULT_GROUPS;

    /** @param application the consumer's name on the wiki's consent page, and the start-up banner's title */
    public OfflineMode(String application) {
        if (application == null || application.isBlank()) {
            throw new IllegalArgumentException("application cannot be blank");
        }
        this.application = application;
    }

    /**
     * The groups of {@value #DEMO_USER} on the LocalWiki, e.g. with {@code sysop}; {@link WikiUser#DEFAULT_GROUPS}
     * unless set.
     *
     * @return this offline mode
     */
    public OfflineMode withDemoUserGroups(String... groups) {
        this.demoUserGroups = List.of(groups);
        return this;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            prepare(prepared.getEnvironment());
        } else if (event instanceof WebServerInitializedEvent started) {
            registerConsumer(started.getWebServer().getPort());
        } else if (event instanceof ContextClosedEvent || event instanceof ApplicationFailedEvent) {
            stop();
        }
    }

    private void prepare(ConfigurableEnvironment environment) {
        if (StringUtils.hasText(environment.getProperty("mediawiki.oauth.oauth1.consumer-key"))
                || StringUtils.hasText(environment.getProperty("mediawiki.oauth.oauth2.client-id"))) {
            return;
        }
        oauth2 = "oauth2".equals(String.valueOf(environment.getProperty("mediawiki.oauth.protocol"))
                .toLowerCase(Locale.ROOT));
        Map<String, Object> properties = new LinkedHashMap<>();
        if (!StringUtils.hasText(environment.getProperty("spring.data.redis.host"))
                && !StringUtils.hasText(environment.getProperty("spring.data.redis.url"))) {
            int port = freePort();
            try {
                RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                        .setting("save \"\"").setting("appendonly no").build();
                server.start();
                redis = server;
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded Redis", e);
            }
            properties.put("spring.data.redis.host", "127.0.0.1");
            properties.put("spring.data.redis.port", port);
        }
        LocalWiki localWiki = LocalWiki.start();
        wiki = localWiki;
        localWiki.registerUser(WikiUser.named(DEMO_USER).groups(demoUserGroups)
                .contribution("Sandbox", 1001, Instant.parse("2026-01-15T09:30:00Z"), "trying things out")
                .contribution("Main Page", 1002, Instant.parse("2026-02-03T18:05:00Z"), "typo")
                .contribution("Cats", 1003, Instant.parse("2026-03-21T12:00:00Z"), "new section")
                .build());
        localWiki.createPage("Sandbox", "A page to try editing on.");
        localWiki.signInAs(DEMO_USER);
        // large files as on Wikimedia's wikis: 4 GiB per file in chunks, 100 MiB per request
        localWiki.uploadLimits().maxUploadSize(4L << 30).phpUploadMaxFilesize(100 << 20).phpPostMaxSize(101 << 20);
        SecureRandom random = new SecureRandom();
        consumerKey = hex(random, 16);
        consumerSecret = hex(random, 20);
        properties.put("mediawiki.oauth.wiki", localWiki.scriptPath());
        if (oauth2) {
            properties.put("mediawiki.oauth.oauth2.client-id", consumerKey);
            properties.put("mediawiki.oauth.oauth2.client-secret", consumerSecret);
        } else {
            properties.put("mediawiki.oauth.oauth1.consumer-key", consumerKey);
            properties.put("mediawiki.oauth.oauth1.consumer-secret", consumerSecret);
        }
        byte[] sessionKey = new byte[32];
        random.nextBytes(sessionKey);
        properties.put("mediawiki.oauth.session-key", Base64.getEncoder().encodeToString(sessionKey));
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
    }

    private void registerConsumer(int port) {
        LocalWiki localWiki = wiki;
        String key = consumerKey;
        String secret = consumerSecret;
        if (localWiki == null || key == null || secret == null) {
            return;
        }
        String app = "http://127.0.0.1:" + port;
        if (oauth2) {
            localWiki.registerOAuth2Client(OAuth2ClientRegistration.confidential(application, app + "/oauth-callback")
                    .withGrants(GRANTS).withCredentials(key, secret));
        } else {
            localWiki.registerConsumer(ConsumerRegistration.oob(application, app + "/oauth-callback")
                    .withGrants(GRANTS).withCredentials(key, secret));
        }
        String banner = "\n\n  " + application + " (offline" + (oauth2 ? ", OAuth 2.0" : "") + "): open " + app
                + "/ and log in as " + DEMO_USER
                + "\n  LocalWiki: " + localWiki.scriptPath()
                + (redis != null ? "\n  embedded Redis: 127.0.0.1:" + redis.ports().get(0) : "") + "\n";
        System.out.println(banner);
        log.info("{} (offline) ready at {}/ (user {})", application, app, DEMO_USER);
    }

    private void stop() {
        LocalWiki localWiki = wiki;
        wiki = null;
        if (localWiki != null) {
            localWiki.close();
        }
        RedisServer server = redis;
        redis = null;
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                log.warn("Could not stop the embedded Redis: {}", e.getMessage());
            }
        }
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
