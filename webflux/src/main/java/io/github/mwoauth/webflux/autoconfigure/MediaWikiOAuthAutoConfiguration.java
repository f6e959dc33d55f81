package io.github.mwoauth.webflux.autoconfigure;

import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.WikiAllowList;
import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.webflux.CompactSessionRedisSerializer;
import io.github.mwoauth.webflux.DrbgSessionIdGenerator;
import io.github.mwoauth.webflux.LoginApprover;
import io.github.mwoauth.webflux.LoginErrorRenderer;
import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.MediaWikiOAuthRoutes;
import io.github.mwoauth.webflux.MediaWikiSessionWebFilter;
import io.github.mwoauth.webflux.PendingLoginRepository;
import io.github.mwoauth.webflux.SessionAccess;
import io.github.mwoauth.webflux.SessionSealer;
import io.github.mwoauth.webflux.WebSessionCredentialsRepository;
import io.github.mwoauth.webflux.WebSessionPendingLoginRepository;
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
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

/**
 * Sets up MediaWiki OAuth login for a reactive web application: the session sealer and token store, the filter
 * binding each request's session to the client, the login (when {@code mediawiki.oauth.wiki} and the credentials
 * of one protocol are set: {@code mediawiki.oauth.oauth1.consumer-key} or {@code mediawiki.oauth.oauth2.client-id}),
 * and with a login the credentials repository, the token store, the client and the login routes. Every bean
 * backs off when the application defines its own. The client uses the application's {@code WebClient.Builder}
 * and {@code ObservationRegistry} when there are such beans, so its calls are observed and traced.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.REACTIVE)
@EnableConfigurationProperties(MediaWikiOAuthProperties.class)
@Import(MediaWikiLoginConfiguration.class)
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

    /** How the library reaches sessions: within {@code mediawiki.oauth.session-store-timeout}. */
    @Bean
    @ConditionalOnMissingBean
    public SessionAccess mediaWikiSessionAccess(MediaWikiOAuthProperties properties) {
        return new SessionAccess(properties.getSessionStoreTimeout());
    }

    /**
     * Where sessions keep the user, reading sessions again from the store of the application's
     * {@code DefaultWebSessionManager} (Spring Session's Redis store when there is one) when the wiki refuses a
     * refresh; see {@link WebSessionCredentialsRepository#setSessionStore}.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MediaWikiLogin.class)
    public WebSessionCredentialsRepository mediaWikiCredentialsRepository(SessionSealer sealer, MediaWikiLogin login,
            SessionAccess access, ObjectProvider<WebSessionManager> sessionManagers) {
        WebSessionCredentialsRepository users = new WebSessionCredentialsRepository(sealer, login, access);
        if (sessionManagers.getIfUnique() instanceof DefaultWebSessionManager manager) {
            users.setSessionStore(manager.getSessionStore());
        }
        return users;
    }

    /** The client's token store: the user of the current request's session. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(WebSessionCredentialsRepository.class)
    public WebSessionTokenStore mediaWikiTokenStore(WebSessionCredentialsRepository users) {
        return new WebSessionTokenStore(users);
    }

    /** Where logins wait for their callback: {@code max-pending-logins}, {@code pending-login-lifetime}. */
    @Bean
    @ConditionalOnMissingBean
    public PendingLoginRepository mediaWikiPendingLogins(SessionSealer sealer, MediaWikiOAuthProperties properties,
            ObjectProvider<Clock> clock) {
        WebSessionPendingLoginRepository pending = new WebSessionPendingLoginRepository(sealer);
        pending.setMaxPendingLogins(properties.getMaxPendingLogins());
        pending.setLifetime(properties.getPendingLoginLifetime());
        clock.ifAvailable(pending::setClock);
        return pending;
    }

    @Bean
    @ConditionalOnMissingBean
    public MediaWikiOAuthOptions mediaWikiOAuthOptions(MediaWikiOAuthProperties properties,
            ObjectProvider<LoginErrorRenderer> renderer, ObjectProvider<LoginApprover> approver) {
        return MediaWikiOAuthOptions.builder()
                .prefix(properties.getPrefix())
                .paths(properties.getLoginPath(), properties.getCallbackPath(), properties.getLogoutPath())
                .defaultNext(properties.getDefaultNext())
                .errorRenderer(renderer.getIfAvailable(LoginErrorRenderer::standard))
                .loginApprover(approver.getIfAvailable(LoginApprover::acceptAll))
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    public MediaWikiSessionWebFilter mediaWikiSessionWebFilter(MediaWikiOAuthProperties properties,
            MediaWikiOAuthOptions options) {
        MediaWikiSessionWebFilter filter = properties.isRedirectToLogin()
                ? new MediaWikiSessionWebFilter(options.fullLoginPath()) : new MediaWikiSessionWebFilter();
        filter.setErrorRenderer(options.errorRenderer());
        return filter;
    }

    /** Declared before the routes: their condition looks for this bean. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({MediaWikiLogin.class, WebSessionTokenStore.class})
    public ReactiveMediaWikiClient mediaWikiClient(MediaWikiOAuthProperties properties, MediaWikiLogin login,
            WebSessionTokenStore store, ObjectProvider<WebClient.Builder> webClientBuilder,
            ObjectProvider<ObservationRegistry> observationRegistry) {
        ApiProperties api = properties.getApi();
        ReactiveMediaWikiClient.Builder builder = ReactiveMediaWikiClient.builder()
                .login(login)
                .tokenStore(store)
                .connectTimeout(properties.getConnectTimeout())
                .timeout(properties.getTimeout())
                .maxRetries(api.getMaxRetries())
                .retryBackoff(api.getRetryBackoff())
                .maxRetryDelay(api.getMaxRetryDelay())
                .maxResponseBytes(properties.maxResponseBytesAsInt())
                .formatVersion2(api.isFormatVersion2())
                .readQueriesWithGet(api.isReadQueriesWithGet());
        if (!api.getAllowedWikis().isEmpty()) {
            builder = builder.allowedWikis(WikiAllowList.of(api.getAllowedWikis()));
        }
        Integer maxConnections = api.getMaxConnections();
        if (maxConnections != null) {
            builder = builder.maxConnections(maxConnections);
        }
        Integer maxlag = api.getMaxlag();
        if (maxlag != null) {
            builder = builder.maxlag(maxlag);
        }
        ObservationRegistry registry = observationRegistry.getIfAvailable();
        if (registry != null) {
            builder = builder.observationRegistry(registry);
        }
        String userAgent = properties.getUserAgent();
        if (StringUtils.hasText(userAgent)) {
            builder = builder.userAgent(userAgent);
        }
        WebClient.Builder web = webClientBuilder.getIfAvailable();
        return (web == null ? builder : builder.webClientBuilder(web.clone())).build();
    }

    /**
     * Spring Session's Redis serializer, compact for strings and numbers (see {@link CompactSessionRedisSerializer}).
     * Opt-in with {@code mediawiki.oauth.compact-session-serializer=true}: it serializes every attribute of the
     * application's sessions, not only the library's.
     */
    @Bean(SESSION_SERIALIZER_BEAN_NAME)
    @ConditionalOnClass(name = "org.springframework.session.data.redis.ReactiveRedisSessionRepository")
    @ConditionalOnMissingBean(name = SESSION_SERIALIZER_BEAN_NAME)
    @ConditionalOnBooleanProperty(name = "mediawiki.oauth.compact-session-serializer")
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
    @ConditionalOnBean({MediaWikiLogin.class, WebSessionCredentialsRepository.class})
    @ConditionalOnMissingBean(name = ROUTES_BEAN_NAME)
    public RouterFunction<ServerResponse> mediaWikiOAuthRoutes(MediaWikiLogin login,
            WebSessionCredentialsRepository users, PendingLoginRepository pendingLogins,
            MediaWikiOAuthOptions options) {
        return MediaWikiOAuthRoutes.create(login, users, pendingLogins, options);
    }
}
