package io.github.mwoauth.testkit;

/** How a consumer was registered on the wiki, which decides its callback rules and handshake. */
public enum ConsumerKind {
    /** Registered callback with "callback is prefix" set: any callback starting with it, or {@code oob}. */
    PREFIX,
    /** Registered callback without the prefix flag: the client must send {@code oauth_callback=oob}. */
    OOB,
    /** Grant {@code mwoauth-authonlyprivate} only: identify works, api.php answers {@code readapidenied}. */
    IDENTITY_ONLY,
    /** Owner-only: the access token and secret are issued at registration, no handshake. */
    OWNER_ONLY
}
