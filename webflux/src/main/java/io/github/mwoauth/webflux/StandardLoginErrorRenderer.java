package io.github.mwoauth.webflux;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** HTML by default, JSON for clients that prefer it; never cached. */
enum StandardLoginErrorRenderer implements LoginErrorRenderer {
    INSTANCE;

    private static final JsonMapper JSON = io.github.mwoauth.support.Json.MAPPER;
    private static final MediaType HTML_UTF8 = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    @Override
    public Mono<ServerResponse> render(ServerRequest request, LoginError error) {
        boolean json = prefersJson(request.headers().accept());
        String body = json ? json(error) : html(error);
        return ServerResponse.status(error.status())
                .cacheControl(CacheControl.noStore())
                .contentType(json ? MediaType.APPLICATION_JSON : HTML_UTF8)
                .header("X-Content-Type-Options", "nosniff")
                .bodyValue(body);
    }

    /**
     * True when {@code Accept} ranks JSON above HTML: a higher quality, or the same quality with JSON named
     * explicitly and HTML reached only through a wildcard. No {@code Accept}, or a tie, means HTML.
     */
    static boolean prefersJson(List<MediaType> accept) {
        double json = 0;
        double html = 0;
        boolean jsonExplicit = false;
        boolean htmlExplicit = false;
        for (MediaType type : accept) {
            double q = type.getQualityValue();
            boolean isJson = type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()
                    || type.getSubtype().endsWith("+json");
            if (isJson && q >= json) {
                jsonExplicit |= !type.isWildcardSubtype();
                json = q;
            }
            if (type.isCompatibleWith(MediaType.TEXT_HTML) && q >= html) {
                htmlExplicit |= type.equalsTypeAndSubtype(MediaType.TEXT_HTML) && q > 0;
                html = q;
            }
        }
        return json > html || json > 0 && json == html && jsonExplicit && !htmlExplicit;
    }

    static String json(LoginError error) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", error.status().value());
        node.put("error", error.code());
        node.put("title", error.title());
        node.put("message", error.message());
        if (error.linkHref() != null) {
            node.put("link", error.linkHref());
        }
        return node.toString();
    }

    static String html(LoginError error) {
        StringBuilder page = new StringBuilder(512)
                .append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(error.title()))
                .append("</title></head>\n<body><h1>")
                .append(escape(error.title()))
                .append("</h1>\n<p>")
                .append(escape(error.message()))
                .append("</p>\n");
        if (error.linkHref() != null) {
            page.append("<p><a href=\"").append(escape(error.linkHref())).append("\">")
                    .append(escape(error.linkText() != null ? error.linkText() : error.linkHref()))
                    .append("</a></p>\n");
        }
        return page.append("</body></html>\n").toString();
    }

    static String escape(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }
}
