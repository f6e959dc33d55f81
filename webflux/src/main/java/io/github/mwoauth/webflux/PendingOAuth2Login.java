package io.github.mwoauth.webflux;

import java.util.Objects;
import java.time.Instant;

/**
 * An OAuth 2.0 login waiting for the wiki's callback: the {@code state} the callback must echo, the PKCE
 * verifier the code exchange must send (both sealed in the session), where to go afterwards and when it began.
 * {@link #toString()} never shows the state or the verifier.
 */
public record PendingOAuth2Login(String state, String codeVerifier, String next, Instant createdAt) {

    public PendingOAuth2Login {
        Objects.requireNonNull(state, "state cannot be null");
        Objects.requireNonNull(codeVerifier, "codeVerifier cannot be null");
        Objects.requireNonNull(next, "next cannot be null");
        Objects.requireNonNull(createdAt, "createdAt cannot be null");
    }

    @Override
    public String toString() {
        return "PendingOAuth2Login[next=" + next + ", createdAt=" + createdAt + ", state=<hidden>, codeVerifier=<hidden>]";
    }
}
