package io.github.mwoauth.testkit;

import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.oauth1.OAuth1Credentials;
import io.github.mwoauth.http.Parameter;
import java.util.Map;

/** Shared setup: the three consumers of the wire notes, Alice, and a handshake driven over HTTP. */
final class Fixtures {

    static final String CALLBACK = "http://127.0.0.1:5000/oauth-callback";

    final LocalWiki wiki;
    final WireClient client;
    final Consumer prefix;
    final Consumer oob;
    final Consumer identityOnly;

    Fixtures(LocalWiki wiki, WireClient client) {
        this.wiki = wiki;
        this.client = client;
        wiki.registerUser(WikiUser.named("Alice").realName("Alice Liddell").email("alice@example.org").build());
        wiki.registerUser("Bob");
        this.prefix = wiki.registerPrefixConsumer("Example Tool", CALLBACK);
        this.oob = wiki.registerOobConsumer("Oob Tool", CALLBACK);
        this.identityOnly = wiki.registerIdentityOnlyConsumer("Who Tool", CALLBACK);
    }

    String initiateUrl() {
        return wiki.indexUrl() + "?title=Special%3AOAuth%2Finitiate";
    }

    String tokenUrl() {
        return wiki.indexUrl() + "?title=Special%3AOAuth%2Ftoken";
    }

    String identifyUrl() {
        return wiki.indexUrl() + "?title=Special%3AOAuth%2Fidentify";
    }

    static OAuth1Credentials consumerOnly(Consumer c) {
        return OAuth1Credentials.consumerOnly(c.key(), c.secret());
    }

    static OAuth1Credentials withToken(Consumer c, String token, String secret) {
        return new OAuth1Credentials(c.key(), c.secret(), token, secret);
    }

    static OAuth1Credentials withToken(Consumer c, AccessToken token) {
        return withToken(c, token.key(), token.secret());
    }

    /** initiate → {oauth_token, oauth_token_secret, ...}. */
    Map<String, String> initiate(Consumer consumer, String callback) {
        WireClient.Response r = client.signedPost(initiateUrl(), consumerOnly(consumer),
                Parameter.of("oauth_callback", callback));
        return r.form();
    }

    WireClient.Response exchange(Consumer consumer, Map<String, String> requestToken, String verifier) {
        return client.signedPost(tokenUrl(), withToken(consumer, requestToken.get("oauth_token"),
                requestToken.get("oauth_token_secret")), Parameter.of("oauth_verifier", verifier));
    }

    /** The whole handshake for {@code user}: initiate, approve, token. */
    AccessToken handshake(Consumer consumer, String user) {
        Map<String, String> rt = initiate(consumer, "oob");
        Approval approval = wiki.approve(rt.get("oauth_token"), user);
        Map<String, String> at = exchange(consumer, rt, approval.verifier()).form();
        return new AccessToken(at.get("oauth_token"), at.get("oauth_token_secret"));
    }
}
