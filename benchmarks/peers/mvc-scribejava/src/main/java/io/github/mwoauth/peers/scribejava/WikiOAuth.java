package io.github.mwoauth.peers.scribejava;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuth1RequestToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The wiki through scribejava: the handshake, identify, and signed api.php calls, each on the calling thread. */
@Component
class WikiOAuth {

    static final String USER_AGENT = "mwoauth-peer-mvc-scribejava/0.1 (benchmark peer)";

    private final MediaWikiApi api;
    private final OAuth10aService service;
    private final IdentifyJwt identify;
    private final String consumerKey;
    private final String apiUrl;

    WikiOAuth(@Value("${WIKI_INDEX}") String indexUrl, @Value("${WIKI_API}") String apiUrl,
            @Value("${CONSUMER_KEY}") String consumerKey, @Value("${CONSUMER_SECRET}") String consumerSecret,
            @Value("${CALLBACK_URL:oob}") String callback) {
        this.api = new MediaWikiApi(indexUrl);
        this.service = new ServiceBuilder(consumerKey).apiSecret(consumerSecret).callback(callback)
                .userAgent(USER_AGENT).build(api);
        this.identify = new IdentifyJwt(consumerKey, consumerSecret, indexUrl);
        this.consumerKey = consumerKey;
        this.apiUrl = apiUrl;
    }

    OAuth1RequestToken requestToken() throws IOException, InterruptedException, ExecutionException {
        return service.getRequestToken();
    }

    /** Where the user approves: MediaWiki wants the consumer key beside the request token. */
    String authorizationUrl(OAuth1RequestToken requestToken) {
        return service.getAuthorizationUrl(requestToken) + "&oauth_consumer_key=" + consumerKey;
    }

    OAuth1AccessToken accessToken(OAuth1RequestToken requestToken, String verifier)
            throws IOException, InterruptedException, ExecutionException {
        return service.getAccessToken(requestToken, verifier);
    }

    /** The user name of {@code token}, from {@code Special:OAuth/identify}'s verified JWT. */
    String username(OAuth1AccessToken token) throws IOException, InterruptedException, ExecutionException {
        OAuthRequest request = new OAuthRequest(Verb.POST, api.getIdentifyEndpoint());
        service.signRequest(token, request);
        String nonce = request.getOauthParameters().get("oauth_nonce");
        try (Response response = service.execute(request)) {
            return identify.username(response.getBody(), nonce);
        }
    }

    /** POSTs {@code form} to api.php signed for {@code token}; the answer's body. */
    String api(OAuth1AccessToken token, Map<String, String> form)
            throws IOException, InterruptedException, ExecutionException {
        OAuthRequest request = new OAuthRequest(Verb.POST, apiUrl);
        form.forEach(request::addBodyParameter);
        service.signRequest(token, request);
        try (Response response = service.execute(request)) {
            if (!response.isSuccessful()) {
                throw new IOException("api.php answered HTTP " + response.getCode());
            }
            return response.getBody();
        }
    }
}
