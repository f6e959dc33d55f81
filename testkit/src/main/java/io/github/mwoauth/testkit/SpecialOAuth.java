package io.github.mwoauth.testkit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The machine endpoints of Special:OAuth: initiate, token and identify. Every outcome is HTTP 200; errors are
 * {@code Error: <escaped text>} in the default raw format, {@code {"error":key,"message":text}} with
 * {@code format=json}, and always JSON for identify. JSON is written as {@code FormatJson::encode} does by
 * default: {@code < > &} and non-ASCII characters as backslash-u escapes.
 */
final class SpecialOAuth {


    private final WikiState state;
    private final OAuthGate gate;
    private final String server;
    private final JsonMapper json;
    private final FaultTable faults;

    SpecialOAuth(WikiState state, OAuthGate gate, String server, JsonMapper json, FaultTable faults) {
        this.state = state;
        this.faults = faults;
        this.gate = gate;
        this.server = server;
        this.json = json;
    }

    WikiResponse initiate(WikiRequest request) {
        boolean asJson = "json".equals(request.param("format"));
        try {
            OAuthGate.Passed passed = gate.verify(request, false, OAuthGate.TokenKind.NONE);
            String callback = checkCallback(passed.consumer(), passed.param("oauth_callback"));
            WikiState.RequestToken token = state.newRequestToken(passed.consumer(), callback);
            return tokenResponse(asJson, token.key, token.secret);
        } catch (OAuthProblem problem) {
            return error(problem, asJson);
        }
    }

    WikiResponse token(WikiRequest request) {
        boolean asJson = "json".equals(request.param("format"));
        try {
            OAuthGate.Passed passed = gate.verify(request, false, OAuthGate.TokenKind.REQUEST);
            WikiState.RequestToken requestToken = passed.requestToken();
            if (requestToken == null) {
                throw OAuthProblem.requestTokenNotFound();
            }
            WikiState.Acceptance acceptance = state.exchange(requestToken, passed.param("oauth_verifier"));
            return tokenResponse(asJson, acceptance.token(), acceptance.secret());
        } catch (OAuthProblem problem) {
            return error(problem, asJson);
        }
    }

    WikiResponse identify(WikiRequest request) {
        try {
            OAuthGate.Passed passed = gate.verify(request, false, OAuthGate.TokenKind.ACCESS);
            WikiState.Acceptance acceptance = passed.acceptance();
            WikiState.UserState user = acceptance == null ? null : state.user(acceptance.user());
            if (user == null) {
                throw OAuthProblem.accessTokenNotFound();
            }
            String jwt = jwt(passed.consumer(), user, String.valueOf(passed.param("oauth_nonce")));
            return WikiResponse.of(200, WikiResponse.JSON, jwt).noStore();
        } catch (OAuthProblem problem) {
            return error(problem, true);
        }
    }

    /**
     * MediaWiki's callback rules: {@code oob} always; otherwise only a prefix consumer's matching URL
     * ({@link CallbackPrefix}).
     */
    private static String checkCallback(Consumer consumer, @Nullable String callback) {
        if ("oob".equals(callback)) {
            return callback;
        }
        boolean prefix = consumer.kind() == ConsumerKind.PREFIX || consumer.kind() == ConsumerKind.IDENTITY_ONLY;
        if (!prefix) {
            throw OAuthProblem.message("mwoauth-callback-not-oob",
                    "oauth_callback must be set, and must be set to \"oob\" (case-sensitive)");
        }
        String registered = consumer.callback();
        if (callback == null || registered == null || !CallbackPrefix.matches(registered, callback)) {
            throw OAuthProblem.message("mwoauth-callback-not-oob-or-prefix",
                    "oauth_callback must be set, and must be set to \"oob\" (case-sensitive), or the configured "
                            + "callback must be a prefix of the supplied callback.");
        }
        return callback;
    }

    private WikiResponse tokenResponse(boolean asJson, String key, String secret) {
        if (asJson) {
            ObjectNode body = json.createObjectNode();
            body.put("key", key);
            body.put("secret", secret);
            body.put("oauth_callback_confirmed", "true");
            return WikiResponse.of(200, WikiResponse.JSON, FormatJson.encode(body, 0)).noStore();
        }
        return WikiResponse.of(200, WikiResponse.TEXT_PLAIN,
                "oauth_token=" + key + "&oauth_token_secret=" + secret + "&oauth_callback_confirmed=true").noStore();
    }

    WikiResponse error(OAuthProblem problem, boolean asJson) {
        if (asJson) {
            ObjectNode body = json.createObjectNode();
            body.put("error", problem.key());
            body.put("message", problem.text());
            return WikiResponse.of(200, WikiResponse.JSON, FormatJson.encode(body, 0)).noStore();
        }
        return WikiResponse.of(200, WikiResponse.TEXT_PLAIN, "Error: " + problem.escapedText()).noStore();
    }

    /**
     * The identify JWT: HS256 keyed with the consumer secret, claims in MediaWiki's order and types; forged instead
     * while a {@link Faults#forgedIdentity} rule lasts.
     */
    private String jwt(Consumer consumer, WikiState.UserState user, String nonce) {
        WikiUser u = user.snapshot();
        long iat = state.now().getEpochSecond();
        ObjectNode claims = json.createObjectNode();
        claims.put("iss", server);
        claims.put("aud", consumer.key());
        claims.put("exp", iat + 100);
        claims.put("iat", iat);
        claims.put("sub", Long.toString(u.id()));
        claims.put("username", u.name());
        claims.put("editcount", user.editCount());
        claims.put("confirmed_email", u.emailConfirmed());
        claims.put("blocked", u.blocked());
        Instant registered = u.registered();
        claims.put("registered", registered == null ? null : Texts.mwTimestamp(registered));
        strings(claims.putArray("groups"), u.groups());
        strings(claims.putArray("rights"), u.rights());
        strings(claims.putArray("grants"), consumer.grants());
        if (consumer.grants().contains("mwoauth-authonlyprivate")) {
            claims.put("realname", u.realName());
            claims.put("email", u.email());
        }
        claims.put("nonce", nonce);
        FaultTable.Rule forgery = faults.take(FaultTable.Kind.FORGED_IDENTITY, Endpoint.IDENTIFY);
        return forgery == null ? IdentityForgery.genuine(claims, consumer.secret(), json)
                : IdentityForgery.values()[forgery.value()].forge(claims, consumer.secret(), json);
    }

    private static void strings(ArrayNode array, Iterable<String> values) {
        values.forEach(array::add);
    }
}
