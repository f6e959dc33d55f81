package io.github.mwoauth;

/** How fresh an answer to "who is the current user?" must be. */
public enum Freshness {
    /** What the token holder remembered at login: no call to the wiki. */
    CACHED,
    /** Ask the wiki now (the identify step), which also notices a revoked grant. */
    LIVE
}
