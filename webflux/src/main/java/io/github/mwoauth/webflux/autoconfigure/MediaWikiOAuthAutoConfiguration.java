package io.github.mwoauth.webflux.autoconfigure;

import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.WikiAllowList;
import io.github.mwoauth.webflux.CompactSessionRedisSerializer;
import io.github.mwoauth.webflux.DrbgSessionIdGenerator;
import io.github.mwoauth.webflux.LoginErrorRenderer;
import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.MediaWikiOAuthRoutes;
import io.github.mwoauth.webflux.MediaWikiSessionWebFilter;
import io.github.mwoauth.webflux.OAuthProtocol;
import io.github.mwoauth.webflux.SessionSealer;
import io.github.mwoauth.webflux.WebSessionTokenStore;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.session.WebSessionManager;
import org.springframework.web.server.session.DefaultWebSessionManager;

/**
 * Sets up MediaWiki OAuth login for a reactive web application: the session sealer and token store, the filter
 * binding each request's session to the client, the client itself (when {@code mediawiki.oauth.wiki} and
 * {@code mediawiki.oauth.consumer-key} are set; an OAuth 2.0 client with {@code mediawiki.oauth.protocol=oauth2}) and the login routes (when there is a client). Every bean
 * backs off when the application defines its own. The client uses the application's {@code WebClient.Builder}
 * and {@code ObservationRegistry} when there are such beans, so its calls are observed and traced.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.REACTIVE)
@EnableConfigurationProperties(MediaWikiOAuthProperties.class)
public class MediaWikiOAuthAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MediaWikiOAuthAutoConfiguration.class);

    /** The bean name of the login routes. */
    public static final String ROUTES_BEAN_NAME = "mediaWikiOAuthRoutes";

    /** The bean name Spring Session looks up for its Redis serializer. */
    public static final String SESSION_SERIALIZER_BEAN_NAME = "springSessionDefaultRedisSerializer";

    @Bean
    @ConditionalOnMissingBean
    public SessionSealer mediaWikiSessionSealer(MediaWikiOAuthProperties properties) {
        String key = properties.getSessionKey();
        if (StringUtils.hasText(key)) {
            return SessionSealer.fromBase64(key);
        }
        if (properties.isRequireSessionKey()) {
            throw new IllegalStateException("mediawiki.oauth.session-key is not set, and "
                    + "mediawiki.oauth.require-session-key=true: set it to the base64 of 32 random bytes, "
                    + "the same on every instance (e.g. openssl rand -base64 32)");
        }
        log.warn("mediawiki.oauth.session-key is not set: using a key generated at start-up. Logins will not "
                + "survive a restart and other instances cannot read them. Set the same base64 256-bit key on "
                + "every instance (and mediawiki.oauth.require-session-key=true to make this fatal).");
        return SessionSealer.ephemeral();
    }

    /**
     * The token store, reading sessions again from the store of the application's {@code DefaultWebSessionManager}
     * (Spring Session's Redis store when there is one) when the wiki refuses a refresh; see
     * {@link WebSessionTokenStore#setSessionStore}. It waits for sessions at most
     * {@code mediawiki.oauth.session-store-timeout}.
     */
    @Bean
    @ConditionalOnMissingBean
    public WebSessionTokenStore mediaWikiTokenStore(SessionSealer sealer,
            ObjectProvider<WebSessionManager> sessionManagers, MediaWikiOAuthProperties properties) {
        WebSessionTokenStore store = new WebSessionTokenStore(sealer);
        store.setSessionStoreTimeout(properties.getSessionStoreTimeout());
        if (sessionManagers.getIfUnique() instanceof DefaultWebSessionManager manager) {
            store.setSessionStore(manager.getSessionStore());
        }
        return store;
    }

    @Bean
    @ConditionalOnMissingBean
    public MediaWikiOAuthOptions mediaWikiOAuthOptions(MediaWikiOAuthProperties properties,
            ObjectProvider<LoginErrorRenderer> renderer, ObjectProvider<Clock> clock) {
        return MediaWikiOAuthOptions.defaults()
                .withPrefix(properties.getPrefix())
                .withPaths(properties.getLoginPath(), properties.getCallbackPath(), properties.getLogoutPath())
                .withDefaultNext(properties.getDefaultNext())
                .withCallbackUrl(StringUtils.hasText(properties.getCallbackUrl()) ? properties.getCallbackUrl() : null)
                .withProtocol(properties.getProtocol())
                .withRedirectUri(StringUtils.hasText(properties.getRedirectUri()) ? properties.getRedirectUri() : null)
                .withPendingLogins(properties.getMaxPendingLogins(), properties.getPendingLoginLifetime())
                .withErrorRenderer(renderer.getIfAvailable(LoginErrorRenderer::standard))
                .withClock(clock.getIfAvailable(Clock::systemUTC))
                .withSessionStoreTimeout(properties.getSessionStoreTimeout());
    }

    @Bean
    @ConditionalOnMissingBean
    public MediaWikiSessionWebFilter mediaWikiSessionWebFilter(MediaWikiOAuthProperties properties,
            MediaWikiOAuthOptions options) {
        return properties.isRedirectToLogin() ? new MediaWikiSessionWebFilter(options.fullLoginPath())
                : new MediaWikiSessionWebFilter();
    }

    /** Declared before the routes: their condition looks for this bean. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "mediawiki.oauth", name = {"wiki", "consumer-key"})
    public ReactiveMediaWikiClient mediaWikiClient(MediaWikiOAuthProperties properties, WebSessionTokenStore store,
            ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<ObservationRegistry> observationRegistry) {
        String secret = properties.getConsumerSecret();
        boolean oauth2 = properties.getProtocol() == OAuthProtocol.OAUTH2;
        if (!oauth2 && !StringUtils.hasText(secret)) {
            throw new IllegalStateException("mediawiki.oauth.consumer-key is set but mediawiki.oauth.consumer-secret "
                    + "is not");
        }
        ReactiveMediaWikiClient.Builder builder = ReactiveMediaWikiClient.builder()
                .wiki(String.valueOf(properties.getWiki()));
        if (oauth2) {
            builder.oauth2Client(String.valueOf(properties.getConsumerKey()), secret);
        } else {
            builder.consumer(String.valueOf(properties.getConsumerKey()), String.valueOf(secret));
        }
        builder.tokenStore(store)
                .identityClockSkew(properties.getIdentityClockSkew())
                .connectTimeout(properties.getConnectTimeout())
                .timeout(properties.getTimeout())
                .maxRetries(properties.getMaxRetries())
                .retryBackoff(properties.getRetryBackoff())
                .maxRetryDelay(properties.getMaxRetryDelay())
                .maxResponseBytes(properties.maxResponseBytesAsInt())
                .formatVersion2(properties.isFormatVersion2())
                .readQueriesWithGet(properties.isReadQueriesWithGet());
        if (!properties.getAllowedWikis().isEmpty()) {
            builder.allowedWikis(WikiAllowList.of(properties.getAllowedWikis()));
        }
        Integer maxlag = properties.getMaxlag();
        if (maxlag != null) {
            builder.maxlag(maxlag);
        }
        observationRegistry.ifAvailable(builder::observationRegistry);
        String userAgent = properties.getUserAgent();
        if (StringUtils.hasText(userAgent)) {
            builder.userAgent(userAgent);
        }
        webClientBuilder.ifAvailable(b -> builder.webClientBuilder(b.clone()));
        return builder.build();
    }

    /**
     * Spring Session's Redis serializer, compact for strings and numbers (see {@link CompactSessionRedisSerializer});
     * off with {@code mediawiki.oauth.compact-session-serializer=false}.
     */
    @Bean(SESSION_SERIALIZER_BEAN_NAME)
    @ConditionalOnClass(name = "org.springframework.session.data.redis.ReactiveRedisSessionRepository")
    @ConditionalOnMissingBean(name = SESSION_SERIALIZER_BEAN_NAME)
    @ConditionalOnBooleanProperty(name = "mediawiki.oauth.compact-session-serializer", matchIfMissing = true)
    public RedisSerializer<Object> springSessionDefaultRedisSerializer() {
        return new CompactSessionRedisSerializer();
    }

    /** Session ids without reading the OS entropy device on event loops (see {@link DrbgSessionIdGenerator}). */
    @Bean
    @ConditionalOnClass(name = "org.springframework.session.SessionIdGenerator")
    @ConditionalOnMissingBean(type = "org.springframework.session.SessionIdGenerator")
    public DrbgSessionIdGenerator mediaWikiSessionIdGenerator() {
        return new DrbgSessionIdGenerator();
    }

    /**
     * Spring Session's reactive repository behind a {@link io.github.mwoauth.webflux.TouchThrottlingSessionRepository}
     * ({@code mediawiki.oauth.session-touch-interval}, 0 to leave it as it is).
     */
    @Bean
    @ConditionalOnClass(name = "org.springframework.session.web.server.session.SpringSessionWebSessionStore")
    static BeanPostProcessor mediaWikiSessionTouchThrottling(ObjectProvider<ReactiveSessionRepository<?>> repositories,
            ObjectProvider<MediaWikiOAuthProperties> properties) {
        return new SessionTouchThrottling(repositories, properties);
    }

    @Bean(ROUTES_BEAN_NAME)
    @ConditionalOnBean(ReactiveMediaWikiClient.class)
    @ConditionalOnMissingBean(name = ROUTES_BEAN_NAME)
    public RouterFunction<ServerResponse> mediaWikiOAuthRoutes(ReactiveMediaWikiClient client,
            WebSessionTokenStore store, MediaWikiOAuthOptions options) {
        return MediaWikiOAuthRoutes.create(client, store, options);
    }
}
