package io.github.mwoauth;

import io.github.mwoauth.WikiUnavailableException.Kind;
import io.github.mwoauth.http.RetryAfter;
import io.github.mwoauth.http.TryLaterException;
import io.github.mwoauth.http.WikiResponse;
import io.github.mwoauth.support.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Decodes Action API answers and maps their errors to exceptions. */
final class ApiResponses {

    static final String INVALID_AUTHORIZATION = "mwoauth-invalid-authorization";

    private ApiResponses() {
    }

    static JsonNode parse(WikiResponse response) {
        if (response.status() == 429 || response.status() == 503) {
            throw new TryLaterException("HTTP " + response.status(), response.status(), retryAfter(response));
        }
        if (response.status() == 401 && invalidToken(response)) {
            // Wikimedia's edge: an expired OAuth 2.0 access token at the HTTP level (RFC 6750 §3.1)
            JsonNode body = Json.readOrNull(response.body());
            throw new InvalidAuthorizationException(INVALID_AUTHORIZATION,
                    "Invalid access token (HTTP 401, WWW-Authenticate: invalid_token)",
                    body != null ? body : Json.MAPPER.createObjectNode());
        }
        if (!response.isSuccess()) {
            throw new WikiUnavailableException(Kind.HTTP_ERROR, response.status(),
                    "The wiki's API answered HTTP " + response.status(), null);
        }
        JsonNode json = Json.readOrNull(response.body());
        if (json == null) {
            throw new WikiUnavailableException(Kind.MALFORMED_RESPONSE, "The wiki's API answer is not JSON", null);
        }
        if (!json.isObject()) {
            throw new WikiUnavailableException(Kind.MALFORMED_RESPONSE, "The wiki's API answer is not a JSON object", null);
        }
        JsonNode error = json.get("error");
        if (error == null) {
            JsonNode errors = json.get("errors");
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                error = errors.get(0);
            }
        }
        if (error != null && error.isObject()) {
            String code = text(error, "code");
            String info = error.has("info") ? text(error, "info") : text(error, "text");
            if (code.equals("maxlag")) {
                throw new TryLaterException("maxlag: " + info, response.status(), retryAfter(response));
            }
            if (code.equals(INVALID_AUTHORIZATION)) {
                throw new InvalidAuthorizationException(code, info, json);
            }
            throw new MediaWikiApiException(code, info, json);
        }
        return json;
    }

    private static boolean invalidToken(WikiResponse response) {
        for (String challenge : response.headers().getOrEmpty("WWW-Authenticate")) {
            if (challenge.contains("invalid_token")) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    private static @Nullable RetryAfter retryAfter(WikiResponse response) {
        return RetryAfter.parse(response.headers().getFirst("Retry-After"));
    }
}
