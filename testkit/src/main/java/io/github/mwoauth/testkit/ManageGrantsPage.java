package io.github.mwoauth.testkit;

import io.github.mwoauth.http.PercentEncoding;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Special:OAuthManageMyGrants: the user's connected applications, OAuth 1.0a consumers and OAuth 2.0 clients alike,
 * each with its revoke link; the revoke form, and its {@code renounce=Deauthorize} POST which deletes the grant
 * (wire notes §6 and §10).
 */
final class ManageGrantsPage {

    private static final String TITLE = "Manage connected applications";

    /** One connected application: its acceptance id, its name, and how to revoke it. */
    private record Row(long id, String name, Runnable revoke) {
    }

    private final WikiState state;
    private final OAuth2Server oauth2;
    private final ConsentPages consent;
    private final String server;

    ManageGrantsPage(WikiState state, OAuth2Server oauth2, ConsentPages consent, String server) {
        this.state = state;
        this.oauth2 = oauth2;
        this.consent = consent;
        this.server = server;
    }

    WikiResponse handle(WikiRequest request, String subpage) {
        WikiState.UserState user = consent.browserUser(request);
        if (user == null) {
            return WikiResponse.redirect(server + "/w/index.php?title=Special:UserLogin&returnto="
                    + PercentEncoding.encode("Special:OAuthManageMyGrants"));
        }
        List<Row> rows = rows(user.base.name());
        if (!subpage.startsWith("revoke/")) {
            StringBuilder list = new StringBuilder("<ul id='mw-mwoauth-grants'>");
            for (Row row : rows) {
                list.append("<li>").append(Texts.html(row.name()))
                        .append(" <a href='/wiki/Special:OAuthManageMyGrants/revoke/").append(row.id())
                        .append("'>revoke</a></li>");
            }
            return page(list + "</ul>");
        }
        String id = subpage.substring("revoke/".length());
        Row row = rows.stream().filter(r -> Long.toString(r.id()).equals(id)).findFirst().orElse(null);
        if (row == null) {
            return page("<div class='error'>Invalid or missing acceptance ID.</div>");
        }
        if (request.isPost() && request.param("renounce") != null
                && user.csrfToken.equals(request.param("wpEditToken"))) {
            row.revoke().run();
            return page("<p>The application's access to your account has been revoked.</p>");
        }
        String action = "/wiki/Special:OAuthManageMyGrants/revoke/" + row.id();
        return page("<form method='post' action='" + action + "'>"
                + ConsentPages.hidden("title", "Special:OAuthManageMyGrants/revoke/" + row.id())
                + ConsentPages.hidden("wpEditToken", user.csrfToken)
                + ConsentPages.hidden("wpacceptanceId", Long.toString(row.id()))
                + "<button name='renounce' value='Deauthorize' type='submit'>Deauthorize</button></form>");
    }

    private List<Row> rows(String user) {
        Stream<Row> oauth1 = state.acceptances(user).stream().map(a -> new Row(a.id(),
                name(state.consumer(a.consumerKey()), a.consumerKey()), () -> state.revoke(user, a.consumerKey())));
        Stream<Row> oauth2Grants = oauth2.grants(user).stream().map(g -> {
            OAuth2Client client = oauth2.client(g.clientId());
            return new Row(g.id(), client == null ? g.clientId() : client.name(), () -> {
                if (client != null) {
                    oauth2.revoke(user, client);
                }
            });
        });
        return Stream.concat(oauth1, oauth2Grants).sorted(Comparator.comparingLong(Row::id)).toList();
    }

    private static String name(@Nullable Consumer consumer, String key) {
        return consumer == null ? key : consumer.name();
    }

    private static WikiResponse page(String content) {
        return ConsentPages.html(TITLE, TITLE, content);
    }
}
