package io.github.mwoauth.securitydemo;

import io.github.mwoauth.MediaWikiApiException;
import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.webflux.security.MediaWikiAuthentication;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * The pages: the index (who is logged in, from Spring Security's principal), {@code /me} (logged-in users),
 * {@code /admin} (the wiki's sysops), {@code /edit} (users who granted editing: a form with Spring's CSRF token
 * that edits the wiki through {@code requestWithCsrfToken}). Login and callback come from the library; logout is
 * the button on every page, a POST with the CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityDemoPages {

    @Bean
    RouterFunction<ServerResponse> securityDemoRoutes(ReactiveMediaWikiClient client) {
        return RouterFunctions.route()
                .GET("/", request -> page(request, "mwoauth security demo", request.principal()
                        .map(user -> "<p id=\"status\">logged in as: " + escape(user.getName()) + "</p>")
                        .defaultIfEmpty("<p id=\"status\">not logged in</p>")))
                .GET("/me", request -> page(request, "me", user(request).map(SecurityDemoPages::profile)))
                .GET("/admin", request -> page(request, "admin", user(request)
                        .map(user -> "<p id=\"admin\">" + escape(user.getName()) + " is a sysop of the wiki.</p>")))
                .GET("/edit", request -> page(request, "edit", csrfField(request).map(SecurityDemoPages::editForm)))
                .POST("/edit", request -> page(request, "edit", request.formData()
                        .flatMap(form -> client.requestWithCsrfToken(Map.of("action", "edit",
                                "title", String.valueOf(form.getFirst("title")),
                                "text", String.valueOf(form.getFirst("text")),
                                "summary", "from the mwoauth security demo")))
                        .map(json -> "<p id=\"saved\">" + escape(json.path("edit").path("result").asString()) + ": "
                                + escape(json.path("edit").path("title").asString()) + ", revision "
                                + json.path("edit").path("newrevid").asLong() + "</p>")
                        .onErrorResume(MediaWikiApiException.class, e -> Mono.just("<p id=\"refused\">The wiki refused: "
                                + escape(e.info()) + "</p>"))))
                .build();
    }

    private static Mono<MediaWikiAuthentication> user(ServerRequest request) {
        return request.principal().cast(MediaWikiAuthentication.class);
    }

    private static String profile(MediaWikiAuthentication user) {
        MediaWikiIdentity identity = user.getPrincipal();
        return "<h1 id=\"name\">" + escape(user.getName()) + "</h1>\n<p>groups: " + escape(identity.groups().toString())
                + "</p>\n<p>grants: " + escape(identity.grants().toString()) + "</p>\n<p id=\"authorities\">"
                + escape(user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                        .collect(Collectors.joining(" ")))
                + "</p>";
    }

    private static String editForm(String csrf) {
        return "<form id=\"edit\" method=\"post\" action=\"/edit\">" + csrf
                + "<input name=\"title\" value=\"Sandbox\"> <textarea name=\"text\">Hello from the demo</textarea>"
                + " <button name=\"save\">save</button></form>";
    }

    /** Spring Security's CSRF token of this request as a hidden form field; stored in the session on first use. */
    private static Mono<String> csrfField(ServerRequest request) {
        Mono<CsrfToken> token = request.exchange().getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.just("") : token.map(t -> "<input type=\"hidden\" name=\""
                + escape(t.getParameterName()) + "\" value=\"" + escape(t.getToken()) + "\">");
    }

    /** A page: links, the logout button for a logged-in user, then {@code body}. */
    private static Mono<ServerResponse> page(ServerRequest request, String title, Mono<String> body) {
        Mono<String> logout = request.principal()
                .flatMap(user -> csrfField(request).map(csrf -> "<form method=\"post\" action=\"/logout\">" + csrf
                        + "<button name=\"logout\">logout</button></form>"))
                .defaultIfEmpty("<a href=\"/login\">login</a>");
        return Mono.zip(body, logout).flatMap(parts -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                .bodyValue("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title)
                        + "</title></head><body>\n<nav><a href=\"/\">home</a> / <a href=\"/me\">me</a> / "
                        + "<a href=\"/admin\">admin</a> / <a href=\"/edit\">edit</a> / " + parts.getT2()
                        + "</nav>\n" + parts.getT1() + "\n</body></html>\n"));
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
