package io.github.mwoauth.testkit;

/** The kinds of endpoint LocalWiki serves, for request counts and the scope of faults. */
public enum Endpoint {
    /**
     * {@code Special:OAuth/*} except identify: initiate, token, authorize, authenticate, verified, approve; and
     * {@code rest.php/oauth2/authorize}.
     */
    HANDSHAKE,
    /** {@code Special:OAuth/identify}. */
    IDENTIFY,
    /** {@code /w/api.php}. */
    API,
    /** {@code rest.php/oauth2/access_token}: code exchanges and refreshes. */
    OAUTH2_TOKEN,
    /** {@code rest.php/oauth2/resource/*}: the OAuth 2.0 profile. */
    OAUTH2_RESOURCE,
    /** Everything else: articles, other special pages, other {@code rest.php} paths, unknown paths. */
    PAGE
}
