package io.github.mwoauth.demo;

import io.github.mwoauth.Freshness;
import io.github.mwoauth.LoginRequiredException;
import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.ReactiveMediaWikiClient;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The pages of demo.py: the index and test_query. Login, callback and logout come from the library. */
@Configuration(proxyBeanMethods = false)
class DemoPages {

    private static final String LINKS = "<p><a href=\"/login\">login</a> / <a href=\"/test_query\">test_query</a> / "
            + "<a href=\"/upload\">upload</a> / <a href=\"/logout\">logout</a></p>";

    @Bean
    RouterFunction<ServerResponse> demoRoutes(ReactiveMediaWikiClient client) {
        return RouterFunctions.route()
                .GET("/", request -> index(client))
                .GET("/test_query", request -> testQuery(client, request))
                .build();
    }

    private static Mono<ServerResponse> index(ReactiveMediaWikiClient client) {
        return client.currentUser(Freshness.CACHED)
                .map(user -> "<p id=\"status\">logged in as: " + HtmlUtils.htmlEscape(user.displayName()) + "</p>")
                .defaultIfEmpty("<p id=\"status\">not logged in</p>")
                .flatMap(status -> html("mwoauth demo", status + LINKS));
    }

    /**
     * The user's contributions through {@code client.request}, signed as the user of this request's session: one
     * call to the wiki. The name comes from the session, as demo.py's {@code get_current_user()} (cached) does; a
     * revoked grant still shows, as the API call's invalid-authorization answer, which sends the user to log in.
     */
    private static Mono<ServerResponse> testQuery(ReactiveMediaWikiClient client, ServerRequest request) {
        return client.currentUser(Freshness.CACHED)
                .switchIfEmpty(Mono.error(() -> new LoginRequiredException("log in to see your contributions")))
                .map(MediaWikiIdentity::displayName)
                .flatMap(name -> client.request(Map.of("action", "query", "list", "usercontribs", "ucuser", name,
                        "uclimit", 50)).map(json -> contributions(name, json)))
                .flatMap(body -> html("contributions", body + LINKS));
    }

    private static String contributions(String name, JsonNode json) {
        StringBuilder list = new StringBuilder("<h1>Contributions of ").append(HtmlUtils.htmlEscape(name))
                .append("</h1>\n<ul id=\"contributions\">\n");
        for (JsonNode edit : json.path("query").path("usercontribs")) {
            list.append("<li>").append(HtmlUtils.htmlEscape(edit.path("title").asString())).append(" (")
                    .append(HtmlUtils.htmlEscape(edit.path("timestamp").asString())).append(")</li>\n");
        }
        return list.append("</ul>").toString();
    }

    private static Mono<ServerResponse> html(String title, String body) {
        return ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue("<!DOCTYPE html>\n<html><head>"
                + "<meta charset=\"utf-8\"><title>" + title + "</title></head><body>\n" + body + "\n</body></html>\n");
    }
}
