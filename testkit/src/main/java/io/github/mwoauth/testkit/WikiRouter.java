package io.github.mwoauth.testkit;

import io.github.mwoauth.http.PercentEncoding;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which part of the wiki serves a request: api.php, Special:OAuth (initiate, token, identify, the consent pages),
 * rest.php's OAuth 2.0 endpoints, Special:OAuthManageMyGrants, Special:UserLogin, or an article. Built once the
 * server's address is known; immutable.
 */
final class WikiRouter {

    /** How a request is served: its endpoint kind and the handler. */
    record Route(Endpoint endpoint, Function<WikiRequest, WikiResponse> handler) {
    }

    /** What answers while the server is still starting. */
    static final Route STARTING = new Route(Endpoint.PAGE,
            req -> WikiResponse.of(503, WikiResponse.TEXT_PLAIN, "starting"));

    private final WikiState state;
    private final SpecialOAuth specialOAuth;
    private final ConsentPages consentPages;
    private final ApiPhp apiPhp;
    private final OAuth2Server oauth2;
    private final ManageGrantsPage manageGrants;
    private final WikiUploads uploads;

    WikiRouter(WikiState state, String server, JsonMapper json, FaultTable faults, OAuth2Server oauth2) {
        this.state = state;
        OAuthGate gate = new OAuthGate(state, server);
        this.specialOAuth = new SpecialOAuth(state, gate, server, json, faults);
        this.consentPages = new ConsentPages(state, server);
        this.oauth2 = oauth2;
        this.manageGrants = new ManageGrantsPage(state, oauth2, consentPages, server);
        this.uploads = WikiUploads.create(state, server);
        this.apiPhp = new ApiPhp(state, gate, server, json, oauth2, uploads);
    }

    ApiPhp api() {
        return apiPhp;
    }

    WikiUploads uploads() {
        return uploads;
    }

    OAuth2Server oauth2() {
        return oauth2;
    }

    /** The endpoint kind and handler of a request, by path and title, as MediaWiki dispatches them. */
    Route route(WikiRequest r) {
        SpecialOAuth special = specialOAuth;
        ConsentPages consent = consentPages;
        ApiPhp api = apiPhp;
        String path = r.path();
        if (path.equals("/w/api.php")) {
            return new Route(Endpoint.API, api::handle);
        }
        String title;
        if (path.equals("/w/index.php")) {
            title = r.param("title", "Main Page");
        } else if (path.startsWith("/w/index.php/")) {
            title = decodePath(path.substring("/w/index.php/".length()));
        } else if (path.startsWith("/wiki/")) {
            title = decodePath(path.substring("/wiki/".length()));
        } else if (path.equals("/") || path.equals("/wiki")) {
            title = "Main Page";
        } else if (path.startsWith("/w/rest.php/")) {
            return restPhp(path.substring("/w/rest.php".length()), consent);
        } else if (path.startsWith("/w/rest.php")) {
            return new Route(Endpoint.PAGE, req -> REST_NOT_FOUND);
        } else {
            return new Route(Endpoint.PAGE, req -> ConsentPages.html("Not Found", "Not Found",
                    "<p>The requested URL was not found on this server.</p>").withStatus(404));
        }
        return routeTitle(title.replace('_', ' ').strip(), special, consent);
    }

    private static final WikiResponse REST_NOT_FOUND = WikiResponse.of(404, WikiResponse.JSON,
            "{\"messageTranslations\":{\"en\":\"The requested relative path did not match any known "
                    + "handler.\"},\"httpCode\":404,\"httpReason\":\"Not Found\"}");

    private Route restPhp(String route, ConsentPages consent) {
        OAuth2Server o = oauth2;
        return switch (route) {
            case "/oauth2/authorize" -> new Route(Endpoint.HANDSHAKE, req -> o.authorize(req, consent));
            case "/oauth2/access_token" -> new Route(Endpoint.OAUTH2_TOKEN, o.tokenEndpoint()::handle);
            case "/oauth2/resource/profile" -> new Route(Endpoint.OAUTH2_RESOURCE, o::profile);
            default -> new Route(Endpoint.PAGE, req -> REST_NOT_FOUND);
        };
    }

    private Route routeTitle(String title, SpecialOAuth special, ConsentPages consent) {
        int colon = title.indexOf(':');
        if (colon > 0 && title.substring(0, colon).strip().equalsIgnoreCase("special")) {
            String page = title.substring(colon + 1).strip();
            int slash = page.indexOf('/');
            String name = slash < 0 ? page : page.substring(0, slash);
            String sub = slash < 0 ? "" : page.substring(slash + 1);
            if (name.equalsIgnoreCase("OAuth")) {
                return switch (sub) {
                    case "initiate" -> new Route(Endpoint.HANDSHAKE, special::initiate);
                    case "token" -> new Route(Endpoint.HANDSHAKE, special::token);
                    case "identify" -> new Route(Endpoint.IDENTIFY, special::identify);
                    case "authorize", "authenticate" -> new Route(Endpoint.HANDSHAKE, req -> consent.consent(req, sub));
                    case "verified" -> new Route(Endpoint.HANDSHAKE, consent::verified);
                    case "approve" -> new Route(Endpoint.HANDSHAKE, req -> oauth2.approve(req, consent));
                    case "rest redirect" -> new Route(Endpoint.HANDSHAKE, oauth2::restRedirect);
                    default -> new Route(Endpoint.HANDSHAKE, req -> ConsentPages.html("OAuth", "OAuth",
                            "<p>This page is the OAuth endpoint of LocalWiki.</p>"));
                };
            }
            if (name.equalsIgnoreCase("OAuthManageMyGrants")) {
                return new Route(Endpoint.PAGE, req -> manageGrants.handle(req, sub));
            }
            if (name.equalsIgnoreCase("UserLogin")) {
                return new Route(Endpoint.PAGE, consent::login);
            }
        }
        return new Route(Endpoint.PAGE, req -> article(title));
    }

    private WikiResponse article(String title) {
        WikiState.Page page = state.page(title);
        if (page == null) {
            return ConsentPages.html(title, title, "<p>There is currently no text in this page.</p>").withStatus(404);
        }
        return ConsentPages.html(page.title(), page.title(), "<pre id='wikitext'>" + Texts.html(page.text())
                + "</pre>");
    }

    private static String decodePath(String raw) {
        return PercentEncoding.formDecode(raw.replace("+", "%2B"));
    }
}
