package io.github.mwoauth.testkit;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of a user allowing an OAuth 2.0 authorization request.
 *
 * @param code the authorization code ({@code def502...}), single use, valid for 10 minutes
 * @param state the request's {@code state}, echoed, or {@code null} when none was sent
 * @param redirectUrl where the browser is redirected: the redirect URI with {@code code} then {@code state}
 */
public record AuthorizationCodeGrant(String code, @Nullable String state, String redirectUrl) {

    @Override
    public String toString() {
        return "AuthorizationCodeGrant[state=" + state + ", code=<hidden>]";
    }
}
