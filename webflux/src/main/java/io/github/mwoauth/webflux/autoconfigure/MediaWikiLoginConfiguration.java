package io.github.mwoauth.webflux.autoconfigure;

import io.github.mwoauth.login.LoginBuilder;
import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.oauth1.OAuth1Login;
import io.github.mwoauth.oauth2.OAuth2Login;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@link MediaWikiLogin} from the properties: the wiring of both protocols, the one place that picks one. With
 * the application's {@code WebClient.Builder}, {@code ObservationRegistry} and {@code Clock} when there are such
 * beans.
 */
@Configuration(proxyBeanMethods = false)
class MediaWikiLoginConfiguration {

    /**
     * How users log in: OAuth 1.0a with {@code mediawiki.oauth.oauth1.*}, or OAuth 2.0 with
     * {@code mediawiki.oauth.oauth2.*}; never both.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "mediawiki.oauth", name = "wiki")
    @Conditional(LoginCredentialsCondition.class)
    public MediaWikiLogin mediaWikiLogin(MediaWikiOAuthProperties properties,
            ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<Clock> clock) {
        if (loginProtocol(properties) == OAuthProtocol.OAUTH2) {
            OAuth2LoginProperties oauth2 = properties.getOauth2();
            return connected(OAuth2Login.builder(), properties, webClientBuilder, observationRegistry, clock)
                    .clientId(String.valueOf(oauth2.getClientId())).clientSecret(oauth2.getClientSecret())
                    .redirectUri(oauth2.getRedirectUri()).scopes(oauth2.getScopes().toArray(String[]::new)).build();
        }
        OAuth1LoginProperties oauth1 = properties.getOauth1();
        String secret = oauth1.getConsumerSecret();
        if (!StringUtils.hasText(secret)) {
            throw new IllegalStateException("mediawiki.oauth.oauth1.consumer-key is set but "
                    + "mediawiki.oauth.oauth1.consumer-secret is not");
        }
        return connected(OAuth1Login.builder(), properties, webClientBuilder, observationRegistry, clock)
                .consumer(String.valueOf(oauth1.getConsumerKey()), secret).callbackUrl(oauth1.getCallbackUrl())
                .identityClockSkew(oauth1.getIdentityClockSkew()).build();
    }

    /**
     * The protocol to log in with: the one whose credentials are set, which {@code mediawiki.oauth.protocol} must
     * agree with when set.
     *
     * @throws IllegalStateException naming the properties when they contradict each other
     */
    static OAuthProtocol loginProtocol(MediaWikiOAuthProperties properties) {
        boolean oauth1Set = StringUtils.hasText(properties.getOauth1().getConsumerKey());
        boolean oauth2Set = StringUtils.hasText(properties.getOauth2().getClientId());
        if (oauth1Set && oauth2Set) {
            throw new IllegalStateException("mediawiki.oauth.oauth1.consumer-key and mediawiki.oauth.oauth2.client-id "
                    + "are both set: configure the credentials of one protocol");
        }
        OAuthProtocol configured = oauth2Set ? OAuthProtocol.OAUTH2 : OAuthProtocol.OAUTH1;
        OAuthProtocol chosen = properties.getProtocol();
        if (chosen != null && chosen != configured) {
            throw new IllegalStateException("mediawiki.oauth.protocol is " + chosen.name().toLowerCase(Locale.ROOT)
                    + " but " + (oauth2Set ? "mediawiki.oauth.oauth2.client-id" : "mediawiki.oauth.oauth1.consumer-key")
                    + " is set");
        }
        return configured;
    }

    /** Either protocol's credentials are set: {@code oauth1.consumer-key} or {@code oauth2.client-id}. */
    static final class LoginCredentialsCondition extends AnyNestedCondition {

        LoginCredentialsCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(prefix = "mediawiki.oauth.oauth1", name = "consumer-key")
        static final class OAuth1 {
        }

        @ConditionalOnProperty(prefix = "mediawiki.oauth.oauth2", name = "client-id")
        static final class OAuth2 {
        }
    }

    private static <B extends LoginBuilder<B>> B connected(B builder, MediaWikiOAuthProperties properties,
            ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<Clock> clock) {
        builder.wiki(String.valueOf(properties.getWiki())).userAgent(properties.getUserAgent())
                .connectTimeout(properties.getConnectTimeout()).timeout(properties.getTimeout())
                .maxResponseBytes(properties.maxResponseBytesAsInt());
        webClientBuilder.ifAvailable(b -> builder.webClientBuilder(b.clone()));
        observationRegistry.ifAvailable(builder::observationRegistry);
        clock.ifAvailable(builder::clock);
        return builder;
    }

}
