package io.github.mwoauth.peers.security;

import static org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction.clientRegistrationId;

import io.github.mwoauth.peers.common.PeerPages;
import io.github.mwoauth.peers.common.PeerQuery;
import java.net.URI;
import java.security.Principal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** {@code /}, {@code /login} and {@code /test_query}. */
@Configuration(proxyBeanMethods = false)
class SecurityPages {

    private static final MediaType HTML = MediaType.parseMediaType(PeerPages.CONTENT_TYPE);

    /** api.php with the user's bearer token, as Spring Security's reference shows the filter set up. */
    @Bean
    WebClient wikiClient(ReactiveOAuth2AuthorizedClientManager authorizedClients,
            @Value("${WIKI_SCRIPT_PATH}") String scriptPath) {
        return SecurityConfig.withUserAgent()
                .baseUrl(scriptPath + "/api.php")
                .filter(new ServerOAuth2AuthorizedClientExchangeFilterFunction(authorizedClients))
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> securityRoutes(WebClient wikiClient) {
        return RouterFunctions.route()
                .GET("/", request -> request.principal().map(Principal::getName).map(PeerPages::index)
                        .defaultIfEmpty(PeerPages.index(null)).flatMap(SecurityPages::html))
                .GET("/login", request -> ServerResponse
                        .temporaryRedirect(URI.create("/oauth2/authorization/" + SecurityConfig.REGISTRATION)).build())
                .GET("/test_query", request -> request.principal().map(Principal::getName)
                        .flatMap(name -> contributions(wikiClient, name).map(json -> PeerPages.contributions(name, json)))
                        .flatMap(SecurityPages::html))
                .build();
    }

    /** The demo's query ({@link PeerQuery}). */
    private static Mono<JsonNode> contributions(WebClient wiki, String name) {
        return wiki.post().attributes(clientRegistrationId(SecurityConfig.REGISTRATION))
                .body(BodyInserters.fromFormData(PeerQuery.usercontribs(name))).retrieve().bodyToMono(JsonNode.class);
    }

    private static Mono<ServerResponse> html(String page) {
        return ServerResponse.ok().contentType(HTML).bodyValue(page);
    }
}
