package io.github.mwoauth.testkit;

import io.github.mwoauth.http.PercentEncoding;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An authorization request that passed validation (league's AuthCodeGrant::validateAuthorizationRequest). */
record AuthorizationRequest(OAuth2Client client, @Nullable String redirectUri, @Nullable String state,
        @Nullable String codeChallenge, List<String> scopes, Map<String, String> params) {

    /** Where the browser goes back to: the redirect URI sent, else the registered one. */
    String target() {
        return redirectUri != null ? redirectUri : String.valueOf(client.redirectUri());
    }

    /** league: {@code accessDenied('The user denied the request', redirect?state=..)}, as an error redirect. */
    String denialUrl() {
        OAuth2Problem denied = OAuth2Problem.accessDenied("The user denied the request");
        String target = target();
        StringBuilder url = new StringBuilder(target).append(target.contains("?") ? '&' : '?');
        if (state() != null) {
            url.append("state=").append(PercentEncoding.encode(state())).append('&');
        }
        url.append("error=").append(denied.error()).append("&error_description=")
                .append(PercentEncoding.encode(denied.description())).append("&hint=")
                .append(PercentEncoding.encode(String.valueOf(denied.hint()))).append("&message=")
                .append(PercentEncoding.encode(denied.description()));
        return url.toString();
    }

    /** The scopes as the {@code scope} parameter, {@code +}-separated. */
    String scopeParam() {
        StringBuilder out = new StringBuilder();
        for (String s : scopes) {
            out.append(out.isEmpty() ? "" : "+").append(PercentEncoding.encode(s));
        }
        return out.toString();
    }
}
