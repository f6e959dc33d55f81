package io.github.mwoauth.peers.unsigned;

import io.github.mwoauth.peers.common.PeerPages;
import io.github.mwoauth.peers.common.PeerQuery;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

/** {@code /seed}, {@code /} and {@code /test_query}. */
@Configuration(proxyBeanMethods = false)
class UnsignedPages {

    static final String USER_AGENT = "mwoauth-peer-webflux-unsigned/0.1 (benchmark peer)";

    private static final String USER = "user";
    private static final MediaType HTML = MediaType.parseMediaType(PeerPages.CONTENT_TYPE);

    /**
     * The library's WebClient set-up ({@code WikiHttp}): a plain {@code WebClient.builder()} (the demo has no
     * {@code WebClient.Builder} bean: Boot 4 puts it in {@code spring-boot-webclient}), Reactor Netty with a 5 s
     * connect timeout, a 30 s response timeout and gzip, codecs reading up to 16 MiB.
     */
    @Bean
    WebClient wikiClient(@Value("${WIKI_API}") String api) {
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .responseTimeout(Duration.ofSeconds(30))
                .compress(true);
        return WebClient.builder()
                .baseUrl(api)
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .defaultHeader(HttpHeaders.USER_AGENT, USER_AGENT)
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> unsignedRoutes(WebClient wikiClient) {
        return RouterFunctions.route()
                .GET("/seed", UnsignedPages::seed)
                .GET("/", request -> user(request).map(PeerPages::index)
                        .defaultIfEmpty(PeerPages.index(null)).flatMap(UnsignedPages::html))
                .GET("/test_query", request -> user(request)
                        .flatMap(name -> contributions(wikiClient, name).map(json -> PeerPages.contributions(name, json)))
                        .flatMap(UnsignedPages::html)
                        .switchIfEmpty(Mono.defer(() -> ServerResponse.status(HttpStatus.UNAUTHORIZED).contentType(HTML)
                                .bodyValue(PeerPages.index(null)))))
                .build();
    }

    private static Mono<ServerResponse> seed(ServerRequest request) {
        String name = request.queryParam(USER).filter(n -> !n.isBlank()).orElse(null);
        if (name == null) {
            return ServerResponse.badRequest().contentType(MediaType.TEXT_PLAIN).bodyValue("give ?user=NAME\n");
        }
        return request.session().flatMap(session -> {
            session.getAttributes().put(USER, name);
            return html(PeerPages.index(name));
        });
    }

    private static Mono<String> user(ServerRequest request) {
        return request.session().mapNotNull(session -> session.getAttribute(USER));
    }

    /** The demo's query ({@link PeerQuery}), unsigned. */
    private static Mono<JsonNode> contributions(WebClient wiki, String name) {
        return wiki.post().body(BodyInserters.fromFormData(PeerQuery.usercontribs(name))).retrieve()
                .bodyToMono(JsonNode.class);
    }

    private static Mono<ServerResponse> html(String page) {
        return ServerResponse.ok().contentType(HTML).bodyValue(page);
    }
}
