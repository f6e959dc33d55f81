package io.github.mwoauth.peers.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/** {@code oauth2Login()} with the authorized clients in the WebSession. */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String REGISTRATION = "mediawiki";
    static final String USER_AGENT = "mwoauth-peer-security-oauth2/0.1 (benchmark peer)";

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
        return http
                .authorizeExchange(exchanges -> exchanges.pathMatchers("/", "/login").permitAll()
                        .anyExchange().authenticated())
                .oauth2Login(Customizer.withDefaults())
                .exceptionHandling(e -> e.authenticationEntryPoint(
                        new RedirectServerAuthenticationEntryPoint("/oauth2/authorization/" + REGISTRATION)))
                .build();
    }

    /** The authorized clients (access and refresh tokens) in the WebSession, so in Redis with the session. */
    @Bean
    ServerOAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    /**
     * The profile endpoint's user attributes. The wiki labels that JSON {@code text/html}, which the default
     * codecs refuse: the user service's {@code WebClient} reads {@code text/html} as JSON too.
     */
    @Bean
    DefaultReactiveOAuth2UserService oauth2UserService(JsonMapper mapper) {
        DefaultReactiveOAuth2UserService users = new DefaultReactiveOAuth2UserService();
        users.setWebClient(withUserAgent()
                .codecs(c -> c.defaultCodecs().jacksonJsonDecoder(
                        new JacksonJsonDecoder(mapper, MediaType.APPLICATION_JSON, MediaType.TEXT_HTML)))
                .build());
        return users;
    }

    /** The token endpoint's client for {@code oauth2Login()}, with the app's User-Agent. */
    @Bean
    ReactiveOAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> authorizationCodeTokenResponseClient() {
        WebClientReactiveAuthorizationCodeTokenResponseClient tokens =
                new WebClientReactiveAuthorizationCodeTokenResponseClient();
        tokens.setWebClient(withUserAgent().build());
        return tokens;
    }

    /** The manager {@code ServerOAuth2AuthorizedClientExchangeFilterFunction} asks: refreshes expired tokens. */
    @Bean
    ReactiveOAuth2AuthorizedClientManager authorizedClientManager(ReactiveClientRegistrationRepository registrations,
            ServerOAuth2AuthorizedClientRepository authorizedClients) {
        ReactiveOAuth2AuthorizedClientProvider provider = ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken(refresh -> refresh.accessTokenResponseClient(refreshTokenResponseClient()))
                .build();
        DefaultReactiveOAuth2AuthorizedClientManager manager =
                new DefaultReactiveOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(provider);
        return manager;
    }

    private static WebClientReactiveRefreshTokenTokenResponseClient refreshTokenResponseClient() {
        WebClientReactiveRefreshTokenTokenResponseClient tokens = new WebClientReactiveRefreshTokenTokenResponseClient();
        tokens.setWebClient(withUserAgent().build());
        return tokens;
    }

    /** Every call to the wiki names the app (Wikimedia's User-Agent policy). */
    static WebClient.Builder withUserAgent() {
        return WebClient.builder().defaultHeader(HttpHeaders.USER_AGENT, USER_AGENT);
    }
}
