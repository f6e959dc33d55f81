package io.github.mwoauth.peers.common;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * The pages of the demo ({@code samples/demo}'s {@code DemoPages}), so that every peer app answers {@code /} and
 * {@code /test_query} with the same HTML: the index with {@code <p id="status">}, and the user's contributions as
 * {@code <h1>Contributions of NAME</h1>} and a {@code <ul id="contributions">} list.
 */
public final class PeerPages {

    /** The content type of every page. */
    public static final String CONTENT_TYPE = "text/html;charset=UTF-8";

    private static final String LINKS = "<p><a href=\"/login\">login</a> / <a href=\"/test_query\">test_query</a></p>";

    private PeerPages() {
    }

    /** The index page: who is logged in, if anybody. */
    public static String index(@Nullable String name) {
        String status = name == null ? "<p id=\"status\">not logged in</p>"
                : "<p id=\"status\">logged in as: " + HtmlUtils.htmlEscape(name) + "</p>";
        return page("peer", status + LINKS);
    }

    /** The contributions page of {@code name} from an api.php {@code list=usercontribs} answer. */
    public static String contributions(String name, JsonNode json) {
        StringBuilder list = new StringBuilder("<h1>Contributions of ").append(HtmlUtils.htmlEscape(name))
                .append("</h1>\n<ul id=\"contributions\">\n");
        for (JsonNode edit : json.path("query").path("usercontribs")) {
            list.append("<li>").append(HtmlUtils.htmlEscape(edit.path("title").asString())).append(" (")
                    .append(HtmlUtils.htmlEscape(edit.path("timestamp").asString())).append(")</li>\n");
        }
        return page("contributions", list.append("</ul>").append(LINKS).toString());
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>\n"
                + body + "\n</body></html>\n";
    }
}
