package io.github.mwoauth.testkit;

import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A fresh LocalWiki per test with Alice, Bob, a confidential and a public OAuth 2.0 client. */
abstract class OAuth2WikiTest extends WikiTest {

    static final String REDIRECT = "http://127.0.0.1:5000/oauth2-callback";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk0123456789";
    static final JsonMapper JSON = JsonMapper.builder().build();

    LocalWiki wiki;
    OAuth2Client confidential;
    OAuth2Client publicClient;

    @BeforeEach
    void clients() {
        wiki = f.wiki;
        confidential = wiki.registerConfidentialClient("Example Tool 2", REDIRECT);
        publicClient = wiki.registerPublicClient("Public Tool", REDIRECT);
    }

    /** {@code meta=userinfo} on api.php with the bearer token. */
    WireClient.Response api(String bearer) {
        return client.get(wiki.apiUrl() + "?action=query&meta=userinfo&format=json", "Authorization",
                "Bearer " + bearer);
    }

    static JsonNode json(WireClient.Response r) {
        return JSON.readTree(r.body());
    }
}
