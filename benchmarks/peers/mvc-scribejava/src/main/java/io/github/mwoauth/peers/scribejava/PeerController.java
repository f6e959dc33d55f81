package io.github.mwoauth.peers.scribejava;

import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuth1RequestToken;
import io.github.mwoauth.peers.common.PeerPages;
import io.github.mwoauth.peers.common.PeerQuery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.SessionAttribute;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/** {@code /}, {@code /login}, {@code /oauth-callback} and {@code /test_query}; the user lives in the HttpSession. */
@Controller
class PeerController {

    private static final String REQUEST_TOKEN = "request_token";
    private static final String REQUEST_SECRET = "request_secret";
    private static final String ACCESS_TOKEN = "access_token";
    private static final String ACCESS_SECRET = "access_secret";
    private static final String USERNAME = "username";

    private final WikiOAuth wiki;
    private final JsonMapper json;

    PeerController(WikiOAuth wiki, JsonMapper json) {
        this.wiki = wiki;
        this.json = json;
    }

    @GetMapping(path = "/", produces = PeerPages.CONTENT_TYPE)
    @ResponseBody
    String index(@SessionAttribute(name = USERNAME, required = false) @Nullable String username) {
        return PeerPages.index(username);
    }

    @GetMapping("/login")
    String login(HttpSession session) throws IOException, InterruptedException, ExecutionException {
        OAuth1RequestToken requestToken = wiki.requestToken();
        session.setAttribute(REQUEST_TOKEN, requestToken.getToken());
        session.setAttribute(REQUEST_SECRET, requestToken.getTokenSecret());
        return "redirect:" + wiki.authorizationUrl(requestToken);
    }

    @GetMapping("/oauth-callback")
    String callback(HttpServletRequest request, @RequestParam("oauth_token") String token,
            @RequestParam("oauth_verifier") String verifier)
            throws IOException, InterruptedException, ExecutionException {
        HttpSession session = request.getSession();
        String pending = (String) session.getAttribute(REQUEST_TOKEN);
        String pendingSecret = (String) session.getAttribute(REQUEST_SECRET);
        if (pending == null || pendingSecret == null || !pending.equals(token)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no login waits for this callback");
        }
        session.removeAttribute(REQUEST_TOKEN);
        session.removeAttribute(REQUEST_SECRET);
        OAuth1AccessToken access = wiki.accessToken(new OAuth1RequestToken(pending, pendingSecret), verifier);
        String username = wiki.username(access);
        request.changeSessionId();
        session.setAttribute(ACCESS_TOKEN, access.getToken());
        session.setAttribute(ACCESS_SECRET, access.getTokenSecret());
        session.setAttribute(USERNAME, username);
        return "redirect:/";
    }

    @GetMapping(path = "/test_query", produces = PeerPages.CONTENT_TYPE)
    @ResponseBody
    String testQuery(HttpServletRequest request) throws IOException, InterruptedException, ExecutionException {
        HttpSession session = request.getSession(false);
        String username = session == null ? null : (String) session.getAttribute(USERNAME);
        OAuth1AccessToken token = session == null ? null : accessToken(session);
        if (username == null || token == null) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "log in to see your contributions");
        }
        String answer = wiki.api(token, PeerQuery.usercontribs(username).toSingleValueMap());
        return PeerPages.contributions(username, json.readTree(answer));
    }

    private static @Nullable OAuth1AccessToken accessToken(HttpSession session) {
        String token = (String) session.getAttribute(ACCESS_TOKEN);
        String secret = (String) session.getAttribute(ACCESS_SECRET);
        return token == null || secret == null ? null : new OAuth1AccessToken(token, secret);
    }
}
