package io.github.mwoauth.testkit;

/** The kinds of endpoint LocalWiki serves, for request counts and the scope of faults. */
public enum Endpoint {
    /** {@code Special:OAuth/*} except identify: initiate, token, authorize, authenticate, verified. */
    HANDSHAKE,
    /** {@code Special:OAuth/identify}. */
    IDENTIFY,
    /** {@code /w/api.php}. */
    API,
    /** Everything else: articles, other special pages, {@code rest.php}, unknown paths. */
    PAGE
}
