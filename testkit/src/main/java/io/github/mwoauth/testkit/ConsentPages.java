package io.github.mwoauth.testkit;

import io.github.mwoauth.http.PercentEncoding;
import org.jspecify.annotations.Nullable;

/**
 * The user-facing HTML of Special:OAuth/authorize and /authenticate (the consent form, Allow, Cancel, the
 * E004, E006 and E009 errors), Special:OAuth/verified and a stand-in Special:UserLogin. There is no real login: the
 * browser's user is the {@code as} parameter, else the {@value #USER_COOKIE} cookie, else the user given to
 * {@link LocalWiki#signInAs(String)}.
 */
final class ConsentPages {

    static final String USER_COOKIE = "localwiki_user";

    private final WikiState state;
    private final String server;

    ConsentPages(WikiState state, String server) {
        this.state = state;
        this.server = server;
    }

    /** The browser's user: {@code as=} parameter, then cookie, then the signed-in default. */
    WikiState.@Nullable UserState browserUser(WikiRequest request) {
        String as = request.param("as");
        if (as != null && !as.isBlank()) {
            return state.user(as);
        }
        String cookie = request.cookies().get(USER_COOKIE);
        if (cookie != null && !cookie.isBlank()) {
            return state.user(PercentEncoding.formDecode(cookie));
        }
        return state.user(state.signedInUser());
    }

    /**
     * GET shows the form (or skips it for authenticate), POST is the Allow or Cancel button. In
     * {@code SpecialMWOAuth}'s order: a signed-in user first (else the login redirect), then Cancel (needs only the
     * consumer key: no request token, no edit token), then the consumer (taken from the request token when no key
     * is given; unknown: E006), then the form and its Allow.
     */
    WikiResponse consent(WikiRequest request, String subpage) {
        String requestToken = request.param("requestToken", request.param("oauth_token", ""));
        String consumerKey = request.param("consumerKey", request.param("oauth_consumer_key", ""));
        WikiState.UserState user = browserUser(request);
        if (user == null) {
            return WikiResponse.redirect(loginUrl(subpage, requestToken, consumerKey));
        }
        if (request.isPost() && request.param("cancel") != null) {
            return cancel(consumerKey);
        }
        if (consumerKey.isEmpty() && !requestToken.isEmpty()) {
            String cached = state.consumerKeyOf(requestToken);
            consumerKey = cached == null ? "" : cached;
        }
        Consumer consumer = state.consumer(consumerKey);
        if (consumer == null) {
            return errorPage(OAuthProblem.badConsumerKey());
        }
        return request.isPost() ? submit(request, consumer, user, requestToken)
                : show(request, subpage, consumer, user, requestToken);
    }

    private WikiResponse show(WikiRequest request, String subpage, Consumer consumer, WikiState.UserState user,
            String requestToken) {
        String consumerKey = consumer.key();
        WikiState.Acceptance accepted = state.acceptance(user.base.name(), consumerKey);
        if (subpage.equals("authenticate") && consumer.identityOnly() && accepted != null) {
            try {
                return WikiResponse.redirect(allow(consumer, user, requestToken).callbackUrl());
            } catch (OAuthProblem problem) {
                return errorPage(problem);
            }
        }
        WikiResponse page = html("OAuth", "OAuth", form(consumer, user, requestToken, accepted != null, request));
        String as = request.param("as");
        return as == null ? page : page.withHeader("Set-Cookie",
                USER_COOKIE + "=" + PercentEncoding.encode(as) + "; Path=/; HttpOnly");
    }

    private WikiResponse submit(WikiRequest request, Consumer consumer, WikiState.UserState user,
            String requestToken) {
        boolean confirmUpdate = state.acceptance(user.base.name(), consumer.key()) != null;
        if (!user.csrfToken.equals(request.param("wpEditToken"))) {
            return html("OAuth", "OAuth", "<div class='error'>Sorry! We could not process your form submission "
                    + "due to a loss of session data.</div>" + form(consumer, user, requestToken, confirmUpdate,
                    request));
        }
        try {
            return WikiResponse.redirect(allow(consumer, user, requestToken).callbackUrl());
        } catch (OAuthProblem problem) {
            return html("OAuth", "OAuth", "<div class='error'>" + paragraphs(problem) + "</div>"
                    + form(consumer, user, requestToken, confirmUpdate, request));
        }
    }

    /** {@code OAuth1Consumer::authorize}: the consumer's request token from the cache (E004, E009), then Allow. */
    private Approval allow(Consumer consumer, WikiState.UserState user, String requestToken) {
        WikiState.RequestToken token = state.requestToken(requestToken);
        if (token == null || !token.consumerKey.equals(consumer.key())) {
            throw OAuthProblem.requestTokenNotFound();
        }
        if (token.used) {
            throw OAuthProblem.requestTokenUsed();
        }
        return state.approve(token, user.base.name());
    }

    /** Cancel: the page that tells the user the application was refused; the consumer is never told. */
    private WikiResponse cancel(String consumerKey) {
        Consumer consumer = state.consumer(consumerKey);
        if (consumer == null) {
            return errorPage(OAuthProblem.invalidConsumerKey());
        }
        String name = "\"" + Texts.html(consumer.name()) + "\"";
        return html("OAuth", "OAuth", "<p>You have chosen not to allow " + name + " to access your account. "
                + name + " will not work unless you allow it access. You can go back to " + name
                + " or <a href='/wiki/Special:OAuthManageMyGrants'>manage your connected apps</a>.</p>"
                + "<p id='mw-returnto'>Return to <a href='/wiki/Main_Page'>Main Page</a>.</p>");
    }

    WikiResponse verified(WikiRequest request) {
        return html("OAuth", "OAuth", "<p>To complete the authorization, provide this verification value to "
                + "the application: <code id='mw-mwoauth-verifier'>" + Texts.html(request.param("oauth_verifier", ""))
                + "</code></p><p>Request token: <code>" + Texts.html(request.param("oauth_token", ""))
                + "</code></p>");
    }

    /** A stand-in login: POST a registered {@code wpName} to get the user cookie and go back. */
    WikiResponse login(WikiRequest request) {
        String returnTo = request.param("returnto", "Main_Page");
        String returnToQuery = request.param("returntoquery", "");
        if (request.isPost()) {
            WikiState.UserState user = state.user(request.param("wpName"));
            if (user != null) {
                String back = server + "/w/index.php?title=" + PercentEncoding.encode(returnTo)
                        + (returnToQuery.isEmpty() ? "" : "&" + returnToQuery);
                return WikiResponse.redirect(back).withHeader("Set-Cookie",
                        USER_COOKIE + "=" + PercentEncoding.encode(user.base.name()) + "; Path=/; HttpOnly");
            }
        }
        String action = "/w/index.php?title=Special:UserLogin&returnto=" + PercentEncoding.encode(returnTo)
                + "&returntoquery=" + PercentEncoding.encode(returnToQuery);
        return html("Log in", "Log in", "<form id='userloginForm' method='post' action='" + Texts.html(action)
                + "'><label>Username <input name='wpName' id='wpName1'></label>"
                + "<button type='submit' name='wploginattempt' value='Log in'>Log in</button></form>");
    }

    private String loginUrl(String subpage, String requestToken, String consumerKey) {
        return server + "/w/index.php?title=Special:UserLogin&returnto="
                + PercentEncoding.encode("Special:OAuth/" + subpage) + "&returntoquery="
                + PercentEncoding.encode("oauth_token=" + requestToken + "&oauth_consumer_key=" + consumerKey)
                + "&warning=mwoauth-login-required-reason";
    }

    private static String form(Consumer consumer, WikiState.UserState user, String requestToken,
            boolean confirmUpdate, WikiRequest request) {
        StringBuilder grants = new StringBuilder("<ul>");
        for (String grant : consumer.grants()) {
            grants.append("<li>").append(Texts.html(grant)).append("</li>");
        }
        grants.append("</ul>");
        String as = request.param("as");
        return "<p>Hi " + Texts.html(user.base.name()) + ", In order to complete your request, "
                + Texts.html(consumer.name()) + " needs permission to perform the following actions on your behalf "
                + "on all projects of this site:</p>" + grants
                + "<form id='mw-mwoauth-authorize-form' action='/wiki/Special:OAuth/authorize' method='post'>"
                + hidden("title", "Special:OAuth/authorize") + hidden("wpEditToken", user.csrfToken)
                + hidden("wpaction", "accept") + hidden("wpconfirmUpdate", confirmUpdate ? "1" : "0")
                + hidden("oauth_version", "1") + hidden("consumerKey", consumer.key())
                + hidden("requestToken", requestToken) + (as == null ? "" : hidden("as", as))
                + "<button name='accept' value='Allow' type='submit'>Allow</button>"
                + "<button name='cancel' value='Cancel' type='submit'>Cancel</button></form>";
    }

    /**
     * The OAuth 2.0 consent form (Special:OAuth/approve): hidden {@code client_id, oauth_version, returnto,
     * returntoquery, scope, title, wpEditToken, wpaction, wpconfirmUpdate} (and LocalWiki's {@code as}).
     */
    static String oauth2Form(AuthorizationRequest ar, WikiState.UserState user, String returnToQuery,
            boolean confirmUpdate) {
        StringBuilder grants = new StringBuilder("<ul>");
        ar.scopes().forEach(s -> grants.append("<li>").append(Texts.html(s)).append("</li>"));
        grants.append("</ul>");
        String as = ar.params().get("as");
        return "<p>Hi " + Texts.html(user.base.name()) + ", In order to complete your request, "
                + Texts.html(ar.client().name()) + " needs permission to perform the following actions on your "
                + "behalf on all projects of this site:</p>" + grants
                + "<form id='mw-mwoauth-authorize-form' action='/wiki/Special:OAuth/approve' method='post'>"
                + hidden("client_id", ar.client().clientId()) + hidden("oauth_version", "2")
                + hidden("returnto", "/w/rest.php/oauth2/authorize") + hidden("returntoquery", returnToQuery)
                + hidden("scope", String.join(" ", ar.scopes())) + hidden("title", "Special:OAuth/approve")
                + hidden("wpEditToken", user.csrfToken) + hidden("wpaction", "accept")
                + hidden("wpconfirmUpdate", confirmUpdate ? "1" : "0") + (as == null ? "" : hidden("as", as))
                + "<button name='accept' value='Allow' type='submit'>Allow</button>"
                + "<button name='cancel' value='Cancel' type='submit'>Cancel</button></form>";
    }

    static String hidden(String name, String value) {
        return "<input type='hidden' name='" + name + "' value='" + Texts.html(value) + "'>";
    }

    /**
     * A message as the parser renders it: blank lines part paragraphs; the text of coded messages carries its
     * span and raw link already.
     */
    private static String paragraphs(OAuthProblem problem) {
        return "<p>" + problem.text().replace("\n\n", "\n</p><p>") + "\n</p>";
    }

    /** {@code OutputPage::showErrorPage('mwoauth-error', ...)}. */
    private static WikiResponse errorPage(OAuthProblem problem) {
        return html("Application Connection Error", "Application Connection Error", "<div class='error'>"
                + paragraphs(problem) + "</div>");
    }

    static WikiResponse html(String title, String heading, String content) {
        return WikiResponse.of(200, WikiResponse.HTML, "<!DOCTYPE html>\n<html lang='en'><head><meta charset='UTF-8'>"
                + "<title>" + Texts.html(title) + " - LocalWiki</title></head><body><h1 id='firstHeading'>"
                + Texts.html(heading) + "</h1><div id='mw-content-text'>" + content + "</div></body></html>\n")
                .noStore();
    }

}
