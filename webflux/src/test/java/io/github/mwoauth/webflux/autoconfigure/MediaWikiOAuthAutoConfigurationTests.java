package io.github.mwoauth.webflux.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.oauth1.OAuth1Login;
import io.github.mwoauth.oauth2.OAuth2Login;
import io.github.mwoauth.webflux.PendingLoginRepository;
import io.github.mwoauth.webflux.SessionAccess;
import io.github.mwoauth.webflux.WebSessionCredentialsRepository;
import io.github.mwoauth.WikiAllowList;
import io.github.mwoauth.webflux.CompactSessionRedisSerializer;
import io.github.mwoauth.webflux.DrbgSessionIdGenerator;
import io.github.mwoauth.webflux.MediaWikiOAuthOptions;
import io.github.mwoauth.webflux.MediaWikiSessionWebFilter;
import io.github.mwoauth.webflux.autoconfigure.OAuthProtocol;
import io.github.mwoauth.webflux.SessionSealer;
import io.github.mwoauth.webflux.WebSessionTokenStore;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class MediaWikiOAuthAutoConfigurationTests {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MediaWikiOAuthAutoConfiguration.class));

    private final String[] wiki = {"mediawiki.oauth.wiki=https://wiki.example/w",
        "mediawiki.oauth.oauth1.consumer-key=0123456789abcdef0123456789abcdef",
        "mediawiki.oauth.oauth1.consumer-secret=0123456789abcdef0123456789abcdef01234567",
        "mediawiki.oauth.user-agent=Test/1.0 (test@example.org)", "mediawiki.oauth.session-key=" + KEY};

    @Test
    void sessionAccessWhenSessionStoreTimeoutSetOrNotThenBoundedByItEverywhere() {
        runner.withPropertyValues(wiki).withPropertyValues("mediawiki.oauth.session-store-timeout=1500ms")
                .run(context -> {
                    SessionAccess access = context.getBean(SessionAccess.class);
                    assertThat(access.timeout()).isEqualTo(Duration.ofMillis(1500));
                    assertThat(context.getBean(WebSessionCredentialsRepository.class).access()).isSameAs(access);
                });
        runner.withPropertyValues(wiki)
                .run(context -> assertThat(context.getBean(SessionAccess.class).timeout())
                        .isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void whenWikiAndConsumerSetThenClientRoutesStoreAndFilterCreated() {
        runner.withPropertyValues(wiki).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ReactiveMediaWikiClient.class);
            assertThat(context).hasSingleBean(WebSessionTokenStore.class);
            assertThat(context).hasSingleBean(MediaWikiSessionWebFilter.class);
            assertThat(context).hasBean(MediaWikiOAuthAutoConfiguration.ROUTES_BEAN_NAME);
            assertThat(context.getBean(MediaWikiOAuthAutoConfiguration.ROUTES_BEAN_NAME)).isInstanceOf(RouterFunction.class);
            ReactiveMediaWikiClient client = context.getBean(ReactiveMediaWikiClient.class);
            assertThat(client.tokenStore()).isSameAs(context.getBean(WebSessionTokenStore.class));
            assertThat(client.endpoints().apiPhp()).hasToString("https://wiki.example/w/api.php");
            assertThat(client.login()).isSameAs(context.getBean(MediaWikiLogin.class)).isInstanceOf(OAuth1Login.class);
            assertThat(context).hasSingleBean(DrbgSessionIdGenerator.class);
            assertThat(context).as("the compact serializer is opt-in: it would serialize the application's attributes")
                    .doesNotHaveBean(MediaWikiOAuthAutoConfiguration.SESSION_SERIALIZER_BEAN_NAME);
        });
    }

    @Test
    void whenDefaultWebSessionManagerThenTokenStoreReloadsFromItsSessionStore() {
        RecordingSessionStore sessions = new RecordingSessionStore();
        runner.withPropertyValues(wiki)
                .withBean("webSessionManager", DefaultWebSessionManager.class, () -> {
                    DefaultWebSessionManager manager = new DefaultWebSessionManager();
                    manager.setSessionStore(sessions);
                    return manager;
                })
                .run(context -> {
                    WebSession session = new InMemoryWebSessionStore().createWebSession().block(Duration.ofSeconds(5));
                    WebSessionCredentialsRepository users = context.getBean(WebSessionCredentialsRepository.class);

                    StepVerifier.create(users.reload(session)).verifyComplete();

                    assertThat(sessions.retrieved).containsExactly(session.getId());
                });
    }

    /** An in-memory session store that records which sessions were read. */
    static final class RecordingSessionStore extends InMemoryWebSessionStore {

        final List<String> retrieved = new CopyOnWriteArrayList<>();

        @Override
        public Mono<WebSession> retrieveSession(String id) {
            retrieved.add(id);
            return super.retrieveSession(id);
        }
    }

    @Test
    void whenNoAllowedWikisThenOnlyLoginWiki() {
        runner.withPropertyValues(wiki).run(context -> {
            WikiAllowList allowed = context.getBean(ReactiveMediaWikiClient.class).allowedWikis();
            assertThat(allowed.allows(URI.create("https://wiki.example/w/api.php"))).isTrue();
            assertThat(allowed.allows(URI.create("https://en.wikipedia.org/w/api.php"))).isFalse();
        });
    }

    @Test
    void whenAllowedWikisWikimediaAndOriginThenThoseAndLoginWiki() {
        runner.withPropertyValues(wiki)
                .withPropertyValues("mediawiki.oauth.api.allowed-wikis=wikimedia,http://127.0.0.1:8080")
                .run(context -> {
                    WikiAllowList allowed = context.getBean(ReactiveMediaWikiClient.class).allowedWikis();
                    assertThat(allowed.allows(URI.create("https://wiki.example/w/api.php"))).isTrue();
                    assertThat(allowed.allows(URI.create("https://en.wikipedia.org/w/api.php"))).isTrue();
                    assertThat(allowed.allows(URI.create("http://127.0.0.1:8080/w/api.php"))).isTrue();
                    assertThat(allowed.allows(URI.create("https://evil.example/w/api.php"))).isFalse();
                });
    }

    @Test
    void whenAllowedWikiIsNotAnOriginThenStartupFails() {
        runner.withPropertyValues(wiki).withPropertyValues("mediawiki.oauth.api.allowed-wikis=en.wikipedia.org")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("en.wikipedia.org"));
    }

    @Test
    void whenObservationRegistryBeanThenHandshakeStepsObservedWithoutSecrets() {
        runner.withPropertyValues(wiki).withPropertyValues("mediawiki.oauth.wiki=http://127.0.0.1:1/w",
                "mediawiki.oauth.connect-timeout=2s")
                .withBean(TestObservationRegistry.class, TestObservationRegistry::create)
                .run(context -> {
                    MediaWikiLogin login = context.getBean(MediaWikiLogin.class);
                    StepVerifier.create(login.start()).expectError().verify(Duration.ofSeconds(10));
                    TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                            .hasObservationWithNameEqualTo("mediawiki.oauth.handshake").that()
                            .hasLowCardinalityKeyValue("mediawiki.oauth.step", "initiate")
                            .hasLowCardinalityKeyValue("outcome", "unavailable")
                            .doesNotHaveLowCardinalityKeyValueWithKey("consumer")
                            .hasBeenStopped();
                });
    }

    @Test
    void whenRetryAndQueryPropertiesSetThenBound() {
        runner.withPropertyValues(wiki).withPropertyValues("mediawiki.oauth.api.maxlag=7", "mediawiki.oauth.api.max-retries=4",
                "mediawiki.oauth.api.retry-backoff=250ms", "mediawiki.oauth.api.format-version2=true",
                "mediawiki.oauth.api.read-queries-with-get=true", "mediawiki.oauth.api.max-connections=1000")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ApiProperties api = context.getBean(MediaWikiOAuthProperties.class).getApi();
                    assertThat(api.getMaxlag()).isEqualTo(7);
                    assertThat(api.getMaxRetries()).isEqualTo(4);
                    assertThat(api.getRetryBackoff()).isEqualTo(Duration.ofMillis(250));
                    assertThat(api.isFormatVersion2()).isTrue();
                    assertThat(api.isReadQueriesWithGet()).isTrue();
                    assertThat(api.getMaxConnections()).isEqualTo(1000);
                });
        runner.withPropertyValues(wiki).withPropertyValues("mediawiki.oauth.api.max-connections=0")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void whenNoConsumerKeyThenNoLoginNoClientNoRoutesButFilter() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(MediaWikiLogin.class);
            assertThat(context).doesNotHaveBean(ReactiveMediaWikiClient.class);
            assertThat(context).doesNotHaveBean(WebSessionTokenStore.class);
            assertThat(context).doesNotHaveBean(MediaWikiOAuthAutoConfiguration.ROUTES_BEAN_NAME);
            assertThat(context).hasSingleBean(MediaWikiSessionWebFilter.class);
        });
    }

    @Test
    void whenApplicationDefinesLoginThenClientStoreAndRoutesUseIt() {
        runner.withUserConfiguration(OwnLogin.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(MediaWikiLogin.class)).isSameAs(OwnLogin.LOGIN);
            assertThat(context).hasBean(MediaWikiOAuthAutoConfiguration.ROUTES_BEAN_NAME);
            assertThat(context).hasSingleBean(WebSessionTokenStore.class);
        });
    }

    @Test
    void whenApplicationDefinesClientThenItIsUsed() {
        runner.withUserConfiguration(OwnClient.class).withPropertyValues(wiki).run(context -> {
            assertThat(context).hasSingleBean(ReactiveMediaWikiClient.class);
            assertThat(context.getBean(ReactiveMediaWikiClient.class)).isSameAs(OwnClient.CLIENT);
            assertThat(context).hasBean(MediaWikiOAuthAutoConfiguration.ROUTES_BEAN_NAME);
        });
    }

    @Test
    void whenApplicationDefinesSealerThenItIsUsed() {
        runner.withUserConfiguration(OwnSealer.class).withPropertyValues(wiki).run(context -> {
            assertThat(context).hasSingleBean(SessionSealer.class);
            assertThat(context.getBean(SessionSealer.class)).isSameAs(OwnSealer.SEALER);
        });
    }

    @Test
    void whenNoSessionKeyAndRequiredThenStartupFails() {
        runner.withPropertyValues("mediawiki.oauth.require-session-key=true").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("mediawiki.oauth.session-key");
        });
    }

    @Test
    void whenNoSessionKeyThenEphemeralKeyWorks() {
        runner.run(context -> {
            SessionSealer sealer = context.getBean(SessionSealer.class);
            assertThat(sealer.open("p", sealer.seal("p", "v"))).contains("v");
        });
    }

    @Test
    void whenSessionKeySetThenValuesOpenWithThatKey() {
        runner.withPropertyValues("mediawiki.oauth.session-key=" + KEY).run(context -> {
            String sealed = context.getBean(SessionSealer.class).seal("p", "v");
            assertThat(SessionSealer.fromBase64(KEY).open("p", sealed)).contains("v");
        });
    }

    @Test
    void whenPathsAndPrefixConfiguredThenOptionsAndFilterFollow() {
        runner.withPropertyValues("mediawiki.oauth.prefix=/auth", "mediawiki.oauth.login-path=/signin",
                "mediawiki.oauth.default-next=/home", "mediawiki.oauth.max-pending-logins=3",
                "mediawiki.oauth.pending-login-lifetime=120s").run(context -> {
                    MediaWikiOAuthOptions options = context.getBean(MediaWikiOAuthOptions.class);
                    assertThat(options.fullLoginPath()).isEqualTo("/auth/signin");
                    assertThat(options.fullCallbackPath()).isEqualTo("/auth/oauth-callback");
                    assertThat(options.defaultNext()).isEqualTo("/home");
                    assertThat(context.getBean(PendingLoginRepository.class).toString())
                            .isEqualTo("WebSessionPendingLoginRepository[max=3, lifetime=PT2M]");
                });
    }

    @Test
    void whenConsumerSecretMissingThenStartupFails() {
        runner.withPropertyValues("mediawiki.oauth.wiki=https://wiki.example/w",
                "mediawiki.oauth.oauth1.consumer-key=0123456789abcdef0123456789abcdef").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("mediawiki.oauth.oauth1.consumer-secret");
                });
    }

    @Test
    void whenCompactSerializerEnabledThenSerializerBean() {
        runner.withPropertyValues("mediawiki.oauth.compact-session-serializer=true").run(context ->
                assertThat(context.getBean(MediaWikiOAuthAutoConfiguration.SESSION_SERIALIZER_BEAN_NAME))
                        .isInstanceOf(CompactSessionRedisSerializer.class));
        runner.withPropertyValues("mediawiki.oauth.compact-session-serializer=false").run(context ->
                assertThat(context).doesNotHaveBean(MediaWikiOAuthAutoConfiguration.SESSION_SERIALIZER_BEAN_NAME));
    }

    @Test
    void whenNotAWebApplicationThenNothingConfigured() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MediaWikiOAuthAutoConfiguration.class))
                .withPropertyValues(wiki)
                .run(context -> assertThat(context).doesNotHaveBean(WebSessionTokenStore.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {

        static final ReactiveMediaWikiClient CLIENT = ReactiveMediaWikiClient.builder().wiki("https://own.example/w")
                .consumer("k", "s").userAgent("Own/1.0").build();

        @Bean
        ReactiveMediaWikiClient ownClient() {
            return CLIENT;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnLogin {

        static final MediaWikiLogin LOGIN = OAuth1Login.builder().wiki("https://own.example/w").consumer("k", "s")
                .userAgent("Own/1.0").build();

        @Bean
        MediaWikiLogin ownLogin() {
            return LOGIN;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnSealer {

        static final SessionSealer SEALER = SessionSealer.ephemeral();

        @Bean
        SessionSealer ownSealer() {
            return SEALER;
        }
    }

    private final String[] oauth2 = {"mediawiki.oauth.wiki=https://wiki.example/w",
        "mediawiki.oauth.oauth2.client-id=0123456789abcdef0123456789abcdef",
        "mediawiki.oauth.oauth2.client-secret=0123456789abcdef0123456789abcdef01234567",
        "mediawiki.oauth.user-agent=Test/1.0 (test@example.org)", "mediawiki.oauth.session-key=" + KEY};

    @Test
    void whenOAuth2ClientSetThenOAuth2LoginAndRoutesSpeakOAuth2() {
        runner.withPropertyValues(oauth2).withPropertyValues(
                "mediawiki.oauth.oauth2.redirect-uri=https://app.example/oauth-callback",
                "mediawiki.oauth.oauth2.scopes=basic,editpage").run(context -> {
            assertThat(context).hasNotFailed();
            ReactiveMediaWikiClient client = context.getBean(ReactiveMediaWikiClient.class);
            assertThat(client.login()).isInstanceOf(OAuth2Login.class);
            assertThat(client.login().toString()).contains("clientId=0123456789abcdef0123456789abcdef",
                    "confidential=true");
            assertThat(client.login().callbackKeyParameter()).isEqualTo("state");
            assertThat(context).hasBean(MediaWikiOAuthAutoConfiguration.ROUTES_BEAN_NAME);
            StepVerifier.create(client.login().start()).assertNext(redirect -> assertThat(redirect.authorizeUrl())
                    .hasParameter("redirect_uri", "https://app.example/oauth-callback")
                    .hasParameter("scope", "basic editpage")).verifyComplete();
        });
    }

    @Test
    void whenOAuth2ClientWithoutSecretThenPublicClient() {
        runner.withPropertyValues("mediawiki.oauth.wiki=https://wiki.example/w",
                "mediawiki.oauth.oauth2.client-id=0123456789abcdef0123456789abcdef", "mediawiki.oauth.protocol=OAUTH2")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    MediaWikiLogin login = context.getBean(MediaWikiLogin.class);
                    assertThat(login.toString()).contains("confidential=false");
                    StepVerifier.create(login.start()).assertNext(redirect -> assertThat(
                            redirect.authorizeUrl().toString()).doesNotContain("redirect_uri")).verifyComplete();
                });
    }

    @Test
    void whenConsumerKeySetThenOAuth1AndNoSecretFailsStartup() {
        runner.withPropertyValues(wiki).run(context -> {
            assertThat(context.getBean(MediaWikiLogin.class)).isInstanceOf(OAuth1Login.class);
        });
        runner.withPropertyValues("mediawiki.oauth.wiki=https://wiki.example/w",
                "mediawiki.oauth.oauth1.consumer-key=0123456789abcdef0123456789abcdef")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("mediawiki.oauth.oauth1.consumer-secret"));
    }

    @Test
    void whenBothProtocolsCredentialsSetThenStartupFailsNamingBoth() {
        runner.withPropertyValues(wiki).withPropertyValues(
                "mediawiki.oauth.oauth2.client-id=0123456789abcdef0123456789abcdef")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("mediawiki.oauth.oauth1.consumer-key")
                        .hasMessageContaining("mediawiki.oauth.oauth2.client-id"));
    }

    @Test
    void whenProtocolContradictsTheCredentialsThenStartupFailsNamingBoth() {
        runner.withPropertyValues(wiki).withPropertyValues("mediawiki.oauth.protocol=oauth2")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("mediawiki.oauth.protocol is oauth2")
                        .hasMessageContaining("mediawiki.oauth.oauth1.consumer-key"));
    }

    @Test
    void whenProtocolUnknownThenStartupFails() {
        runner.withPropertyValues(wiki).withPropertyValues("mediawiki.oauth.protocol=oauth3")
                .run(context -> assertThat(context).hasFailed());
    }
}
