package io.github.mwoauth.testkit;

import io.github.mwoauth.http.Parameter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /w/api.php}: OAuth 1.0a only from the {@code Authorization: OAuth} header, OAuth 2.0 from
 * {@code Authorization: Bearer} (parameters elsewhere are
 * served anonymously with an "Unrecognized parameters" warning), every failure HTTP 200 with a
 * {@code MediaWiki-API-Error} header. Answers {@code action=query} ({@code meta=userinfo|tokens|siteinfo},
 * {@code list=usercontribs}) and {@code action=edit}; JSON ({@code formatversion} 1 and 2, {@code jsonfm} when no
 * {@code format} is given) and XML.
 */
final class ApiPhp {

    static final String API_ERROR_HEADER = "MediaWiki-API-Error";

    /** The rights each grant carries (a representative subset of {@code $wgGrantPermissions}). */
    static final Map<String, Set<String>> GRANT_RIGHTS = Map.of(
            "basic", Set.of("read", "writeapi", "purge", "autoconfirmed", "editsemiprotected", "skipcaptcha",
                    "autopatrol", "nominornewtalk", "patrolmarks", "ipblock-exempt"),
            "highvolume", Set.of("bot", "apihighlimits", "noratelimit", "markbotedits"),
            "editpage", Set.of("edit", "minoredit", "applychangetags", "changetags", "editcontentmodel"),
            "createeditmovepage", Set.of("edit", "minoredit", "createpage", "createtalk", "move", "move-subpages",
                    "move-rootuserpages", "move-categorypages", "suppressredirect"),
            "uploadfile", Set.of("upload", "reupload-own"), "uploadeditmovefile", Set.of("reupload",
                    "reupload-shared", "upload_by_url", "movefile", "suppressredirect"), "mwoauth-authonly", Set.of(),
            "mwoauth-authonlyprivate", Set.of());

    static final List<String> ANONYMOUS_RIGHTS = List.of("createaccount", "read", "edit", "createpage",
            "createtalk", "writeapi", "viewmywatchlist", "editmywatchlist", "viewmyprivateinfo",
            "editmyprivateinfo", "editmyoptions");

    /** Who is asking: a user (through OAuth) or the anonymous client, with the rights in effect. */
    record Caller(WikiState.@Nullable UserState user, List<String> rights) {

        String name() {
            return user == null ? "127.0.0.1" : user.base.name();
        }

        String csrfToken() {
            return user == null ? "+\\" : user.csrfToken;
        }
    }

    /**
     * The output options of one request. No {@code format} is {@code jsonfm}, as {@code ApiMain}'s default: the
     * pretty-printed JSON in an HTML page. JSON escapes non-ASCII characters in formatversion 1 unless
     * {@code utf8} is given, and keeps UTF-8 in formatversion 2 unless {@code ascii} is given
     * ({@code ApiFormatJson}); {@code < > &} stay as they are.
     */
    record Format(boolean v2, boolean errorsArray, boolean xml, boolean html, boolean utf8) {

        static Format of(WikiRequest request) {
            String errorFormat = request.param("errorformat", "bc");
            String format = request.param("format", "jsonfm");
            boolean v2 = "2".equals(request.param("formatversion")) || "latest".equals(request.param("formatversion"));
            boolean utf8 = v2 ? request.param("ascii") == null : request.param("utf8") != null;
            return new Format(v2, !errorFormat.equals("bc"), format.equals("xml"), format.equals("jsonfm"), utf8);
        }

        /** A true boolean as the format writes it: {@code true} in formatversion 2, an empty string before. */
        void flag(ObjectNode node, String name) {
            if (v2) {
                node.put(name, true);
            } else {
                node.put(name, "");
            }
        }

        int escaping() {
            return utf8 ? FormatJson.ALL_OK : FormatJson.XMLMETA_OK;
        }
    }

    private final WikiState state;
    private final OAuthGate gate;
    private final String server;
    private final JsonMapper json;
    private final OAuth2Server oauth2;
    private final UploadHandler uploads;

    ApiPhp(WikiState state, OAuthGate gate, String server, JsonMapper json, OAuth2Server oauth2, WikiUploads files) {
        this.state = state;
        this.gate = gate;
        this.server = server;
        this.json = json;
        this.oauth2 = oauth2;
        this.uploads = new UploadHandler(this, state, files);
    }

    WikiResponse handle(WikiRequest request) {
        Format format = Format.of(request);
        Caller caller;
        Set<String> unrecognized = new LinkedHashSet<>();
        if (request.bearer() != null) {
            OAuth2Server.Bearer bearer = oauth2.bearer(request.bearer());
            WikiState.UserState user = bearer.user();
            if (user == null) {
                WikiResponse refused = error(format, "mwoauth-invalid-authorization",
                        "The authorization headers in your request are not valid: " + OAuth2Server.INVALID_ACCESS_TOKEN,
                        null);
                return bearer.expired() && oauth2.wikimediaEdge()
                        ? refused.withStatus(401).withHeader("WWW-Authenticate", OAuth2Server.edgeChallenge())
                        : refused;
            }
            caller = new Caller(user, grantedRights(user.base.rights(), bearer.scopes()));
        } else if (request.oauthHeader() != null) {
            try {
                OAuthGate.Passed passed = gate.verify(request, true, OAuthGate.TokenKind.ACCESS);
                WikiState.UserState user = state.user(passed.acceptance() == null ? null
                        : passed.acceptance().user());
                if (user == null) {
                    throw OAuthProblem.accessTokenNotFound();
                }
                caller = new Caller(user, grantedRights(user.base.rights(), passed.consumer().grants()));
            } catch (OAuthProblem problem) {
                return error(format, "mwoauth-invalid-authorization",
                        "The authorization headers in your request are not valid: " + problem.reason(), null);
            }
        } else {
            for (Parameter p : request.allParams()) {
                if (p.name().startsWith("oauth_")) {
                    unrecognized.add(p.name());
                }
            }
            caller = new Caller(null, ANONYMOUS_RIGHTS);
        }
        String action = request.param("action");
        if (action == null || action.equals("help")) {
            return WikiResponse.of(200, "text/html; charset=utf-8",
                    "<!DOCTYPE html><html><body><h1>MediaWiki API help</h1></body></html>");
        }
        if (!caller.rights().contains("read")) {
            return error(format, "readapidenied", "You need read permission to use this module.", null);
        }
        ObjectNode root = json.createObjectNode();
        if (!unrecognized.isEmpty()) {
            root.putObject("warnings").putObject("main").put(format.v2() ? "warnings" : "*",
                    "Unrecognized parameters: " + String.join(", ", unrecognized) + ".");
        }
        return switch (action) {
            case "query" -> query(request, format, caller, root);
            case "edit" -> edit(request, format, caller, root);
            case "upload" -> uploads.handle(request, format, caller, root);
            default -> error(format, "badvalue", "Unrecognized value for parameter \"action\": " + action + ".",
                    null);
        };
    }

    /** The maxlag error of a lagged replica: HTTP 200, {@code Retry-After} and {@code X-Database-Lag}. */
    WikiResponse maxlag(WikiRequest request, int lag) {
        return error(Format.of(request), "maxlag", "Waiting for 127.0.0.1: " + lag + " seconds lagged.", e -> {
            e.put("host", "127.0.0.1");
            e.put("lag", lag);
            e.put("type", "db");
        }).withHeader("Retry-After", Integer.toString(Math.max(lag, 5)))
                .withHeader("X-Database-Lag", Integer.toString(lag));
    }

    /** The {@code ratelimited} error of {@code User::pingLimiter}: HTTP 200, like every API error. */
    WikiResponse ratelimited(WikiRequest request) {
        return error(Format.of(request), "ratelimited",
                "You've exceeded your rate limit. Please wait some time and try again.", null);
    }

    static List<String> grantedRights(List<String> userRights, List<String> grants) {
        Set<String> allowed = new LinkedHashSet<>();
        for (String grant : grants) {
            allowed.addAll(GRANT_RIGHTS.getOrDefault(grant, Set.of()));
        }
        return userRights.stream().filter(allowed::contains).toList();
    }

    private WikiResponse query(WikiRequest request, Format format, Caller caller, ObjectNode root) {
        ObjectNode query = json.createObjectNode();
        ObjectNode continuation = null;
        for (String meta : split(request.param("meta"))) {
            switch (meta) {
                case "userinfo" -> query.set("userinfo", userinfo(caller, format, split(request.param("uiprop"))));
                case "tokens" -> query.putObject("tokens").put("csrftoken", caller.csrfToken());
                case "siteinfo" -> uploads.siteinfo(siteinfo(query.putObject("general")), format.v2());
                default -> { }
            }
        }
        for (String list : split(request.param("list"))) {
            if (list.equals("usercontribs")) {
                String user = request.param("ucuser");
                if (user == null || user.isBlank()) {
                    return error(format, "missingparam", "One of the parameters \"ucuser\", \"ucuserids\", "
                            + "\"ucuserprefix\", and \"uciprange\" is required.", null);
                }
                Instant cursorTime = null;
                long cursorRevid = Long.MAX_VALUE;
                String cont = request.param("uccontinue");
                if (cont != null) {
                    String[] parts = cont.split("\\|");
                    try {
                        cursorTime = Texts.parseMwTimestamp(parts[0]);
                        cursorRevid = Long.parseLong(parts[1]);
                    } catch (RuntimeException e) {
                        return error(format, "badcontinue", "Invalid continue param. You should pass the original "
                                + "value returned by the previous query.", null);
                    }
                }
                int limit = limit(request.param("uclimit"), caller.rights().contains("apihighlimits"));
                continuation = usercontribs(query.putArray("usercontribs"), state.user(user), cursorTime,
                        cursorRevid, limit);
            }
        }
        WikiResponse propError = uploads.props(request, format, caller, query);
        if (propError != null) {
            return propError;
        }
        format.flag(root, "batchcomplete");
        if (continuation != null) {
            root.set("continue", continuation);
        }
        if (!query.isEmpty()) {
            root.set("query", query);
        }
        return ok(format, root);
    }

    private ObjectNode userinfo(Caller caller, Format format, List<String> props) {
        ObjectNode info = json.createObjectNode();
        WikiState.UserState user = caller.user();
        WikiUser u = user == null ? null : user.snapshot();
        info.put("id", u == null ? 0 : u.id());
        info.put("name", caller.name());
        if (u == null) {
            format.flag(info, "anon");
        }
        if (u != null && u.blocked() && props.contains("blockinfo")) {
            info.put("blockid", 1);
            info.put("blockedby", "Admin");
            info.put("blockreason", "");
        }
        if (props.contains("groups")) {
            strings(info.putArray("groups"), u == null ? List.of("*") : u.groups());
        }
        if (props.contains("rights")) {
            strings(info.putArray("rights"), caller.rights());
        }
        if (props.contains("editcount") && u != null) {
            info.put("editcount", u.editCount());
        }
        if (props.contains("realname") && u != null) {
            info.put("realname", u.realName());
        }
        if (props.contains("email") && u != null) {
            info.put("email", u.email());
            Instant registered = u.registered();
            if (u.emailConfirmed() && registered != null) {
                info.put("emailauthenticated", Texts.isoTimestamp(registered));
            }
        }
        if (props.contains("registrationdate") && u != null && u.registered() != null) {
            info.put("registrationdate", Texts.isoTimestamp(u.registered()));
        }
        return info;
    }

    private ObjectNode siteinfo(ObjectNode general) {
        general.put("mainpage", "Main Page");
        general.put("sitename", "LocalWiki");
        general.put("generator", "MediaWiki 1.39.0 (LocalWiki emulator)");
        general.put("server", server);
        general.put("servername", "127.0.0.1");
        general.put("articlepath", "/wiki/$1");
        general.put("scriptpath", "/w");
        general.put("script", "/w/index.php");
        return general;
    }

    private static int limit(@Nullable String value, boolean high) {
        int max = high ? 5000 : 500;
        if (value == null || value.isBlank()) {
            return 10;
        }
        if (value.equals("max")) {
            return max;
        }
        try {
            return Math.max(1, Math.min(max, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            return 10;
        }
    }

    private @Nullable ObjectNode usercontribs(ArrayNode out, WikiState.@Nullable UserState user,
            @Nullable Instant cursorTime, long cursorRevid, int limit) {
        if (user == null) {
            return null;
        }
        List<Contribution> selected = new ArrayList<>();
        for (Contribution c : user.contributions()) {
            boolean afterCursor = cursorTime == null || c.timestamp().isBefore(cursorTime)
                    || (c.timestamp().equals(cursorTime) && c.revid() <= cursorRevid);
            if (afterCursor) {
                selected.add(c);
            }
        }
        for (Contribution c : selected.subList(0, Math.min(limit, selected.size()))) {
            ObjectNode item = out.addObject();
            item.put("userid", user.base.id());
            item.put("user", user.base.name());
            item.put("revid", c.revid());
            item.put("ns", 0);
            item.put("title", c.title());
            item.put("timestamp", Texts.isoTimestamp(c.timestamp()));
            item.put("comment", c.comment());
        }
        if (selected.size() <= limit) {
            return null;
        }
        Contribution next = selected.get(limit);
        ObjectNode cont = json.createObjectNode();
        cont.put("uccontinue", Texts.mwTimestamp(next.timestamp()) + "|" + next.revid());
        cont.put("continue", "-||");
        return cont;
    }

    private WikiResponse edit(WikiRequest request, Format format, Caller caller, ObjectNode root) {
        if (!request.isPost()) {
            return error(format, "mustbeposted", "The \"edit\" module requires a POST request.", null);
        }
        String token = request.param("token");
        if (token == null) {
            return error(format, "missingparam", "The \"token\" parameter must be set.", null);
        }
        if (!token.equals(caller.csrfToken())) {
            return error(format, "badtoken", "Invalid CSRF token.", null);
        }
        String title = request.param("title");
        if (title == null || title.isBlank()) {
            return error(format, "missingparam", "The \"title\" parameter must be set.", null);
        }
        String text = request.param("text");
        String append = request.param("appendtext");
        String prepend = request.param("prependtext");
        if (text == null && append == null && prepend == null) {
            return error(format, "missingparam",
                    "One of the parameters \"text\", \"appendtext\", \"prependtext\" and \"undo\" is required.", null);
        }
        if (caller.user() != null && caller.user().base.blocked()) {
            return error(format, "blocked", "You have been blocked from editing.", null);
        }
        WikiState.Page old = state.page(title);
        if (!caller.rights().contains("edit")) {
            return error(format, "permissiondenied", "You don't have permission to edit this page.", null);
        }
        if (old == null && !caller.rights().contains("createpage")) {
            return error(format, "cantcreate", "You don't have permission to create new pages.", null);
        }
        String base = old == null ? "" : old.text();
        String newText = (prepend == null ? "" : prepend) + (text == null ? base : text)
                + (append == null ? "" : append);
        WikiState.Page page = state.edit(caller.user(), title, newText, request.param("summary", ""));
        ObjectNode edit = root.putObject("edit");
        if (old == null) {
            format.flag(edit, "new");
        }
        edit.put("result", "Success");
        edit.put("pageid", page.pageId());
        edit.put("title", page.title());
        edit.put("contentmodel", "wikitext");
        edit.put("oldrevid", old == null ? 0 : old.revid());
        edit.put("newrevid", page.revid());
        edit.put("newtimestamp", Texts.isoTimestamp(page.touched()));
        format.flag(edit, "watched");
        return ok(format, root);
    }

    WikiResponse ok(Format format, ObjectNode root) {
        WikiResponse response;
        if (format.xml()) {
            response = WikiResponse.of(200, "text/xml; charset=utf-8", ApiXml.write(root));
        } else if (format.html()) {
            response = WikiResponse.of(200, "text/html; charset=utf-8",
                    prettyPage(FormatJson.encodePretty(root, format.escaping())));
        } else {
            response = WikiResponse.of(200, WikiResponse.API_JSON, FormatJson.encode(root, format.escaping()));
        }
        return response.withHeader("Cache-Control", "private, must-revalidate, max-age=0");
    }

    /** The {@code jsonfm} page: the API's pretty-print header, then the JSON in {@code <pre>}. */
    private static String prettyPage(String prettyJson) {
        String pre = prettyJson.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<!DOCTYPE html>\n<html class=\"client-nojs\" lang=\"en\" dir=\"ltr\">\n<head>\n"
                + "<meta charset=\"UTF-8\"/>\n<title>MediaWiki API result - LocalWiki</title>\n</head>\n"
                + "<body class=\"mediawiki ltr sitedir-ltr ns--1 ns-special mw-special-ApiHelp page-Special_ApiHelp "
                + "skin-apioutput action-view\">\n<div class=\"mw-body\" role=\"main\">\n"
                + "<h1 class=\"firstHeading\">MediaWiki API result</h1>\n<div class=\"mw-body-content\">\n"
                + "<div class=\"api-pretty-header\"><p>This is the HTML representation of the JSON format. HTML is "
                + "good for debugging, but is unsuitable for application use.\n</p><p>Specify the <var>format</var> "
                + "parameter to change the output format. To see the non-HTML representation of the JSON format, set "
                + "<kbd>format=json</kbd>.\n</p><p>See the <a href=\"https://www.mediawiki.org/wiki/Special:"
                + "MyLanguage/API\" class=\"extiw\" title=\"mw:Special:MyLanguage/API\">complete documentation</a>, "
                + "or the <a href=\"/wiki/Special:ApiHelp/main\" title=\"Special:ApiHelp/main\">API help</a> for more "
                + "information.\n</p></div>\n<pre class=\"api-pretty-content\">" + pre + "</pre>\n</div>\n</div>\n"
                + "</body>\n</html>\n";
    }

    WikiResponse error(Format format, String code, String info, @Nullable Consumer<ObjectNode> extra) {
        String docref = "See " + server + "/w/api.php for API usage. Subscribe to the mediawiki-api-announce mailing "
                + "list at &lt;https://lists.wikimedia.org/postorius/lists/mediawiki-api-announce.lists.wikimedia."
                + "org/&gt; for notice of API deprecations and breaking changes.";
        ObjectNode root = json.createObjectNode();
        if (format.errorsArray()) {
            ObjectNode e = root.putArray("errors").addObject();
            e.put("code", code);
            e.put("text", info);
            if (extra != null) {
                extra.accept(e);
            }
            root.put("docref", docref);
        } else {
            ObjectNode e = root.putObject("error");
            e.put("code", code);
            e.put("info", info);
            if (extra != null) {
                extra.accept(e);
            }
            e.put(format.v2() ? "docref" : "*", docref);
        }
        return ok(format, root).withHeader(API_ERROR_HEADER, code);
    }

    private static List<String> split(@Nullable String value) {
        return value == null || value.isEmpty() ? List.of() : List.of(value.split("\\|"));
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
