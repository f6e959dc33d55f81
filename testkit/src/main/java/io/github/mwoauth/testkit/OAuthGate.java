package io.github.mwoauth.testkit;

import io.github.mwoauth.http.Parameter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks of {@code OAuthServer} as MediaWiki runs them, in its order: version, consumer, owner-only (E010,
 * initiate and token only), token, timestamp (±300 s), nonce (remembered, so even a request with a bad
 * signature uses it up), signature method, then the HMAC-SHA1 signature over {@code $wgServer} + the request
 * URI as received.
 */
final class OAuthGate {

    enum TokenKind { NONE, REQUEST, ACCESS }

    /** A request that passed. */
    record Passed(Consumer consumer, Map<String, String> params, WikiState.@Nullable RequestToken requestToken,
            WikiState.@Nullable Acceptance acceptance) {

        @Nullable String param(String name) {
            return params.get(name);
        }
    }

    private final WikiState state;
    private final String server;

    OAuthGate(WikiState state, String server) {
        this.state = state;
        this.server = server;
    }

    /**
     * Verifies a request.
     *
     * @param headerOnly {@code true} for api.php, which reads OAuth only from the {@code Authorization}
     *     header; {@code false} for Special:OAuth, which also reads the query string and a form body
     */
    Passed verify(WikiRequest request, boolean headerOnly, TokenKind kind) {
        List<Parameter> header = request.oauthHeader() == null ? List.of() : request.oauthHeader();
        Map<String, String> params = new LinkedHashMap<>();
        if (!headerOnly) {
            for (Parameter p : request.query()) {
                params.put(p.name(), p.value());
            }
            for (Parameter p : request.form()) {
                params.put(p.name(), p.value());
            }
        }
        for (Parameter p : header) {
            if (!p.name().equals("realm")) {
                params.put(p.name(), p.value());
            }
        }
        String version = params.get("oauth_version");
        if (version != null && !version.equals("1.0")) {
            throw OAuthProblem.protocol("OAuth version '" + version + "' not supported");
        }
        String consumerKey = params.get("oauth_consumer_key");
        if (consumerKey == null || consumerKey.isEmpty()) {
            throw OAuthProblem.protocol("Invalid consumer key");
        }
        Consumer consumer = state.consumer(consumerKey);
        if (consumer == null) {
            throw OAuthProblem.protocol("Invalid consumer");
        }
        if (kind != TokenKind.ACCESS && consumer.kind() == ConsumerKind.OWNER_ONLY) {
            throw OAuthProblem.ownerOnly(consumer);
        }
        String token = params.get("oauth_token");
        WikiState.RequestToken requestToken = null;
        WikiState.Acceptance acceptance = null;
        String tokenSecret = "";
        if (kind == TokenKind.REQUEST) {
            requestToken = state.requestToken(token);
            if (requestToken == null || !requestToken.consumerKey.equals(consumerKey)) {
                throw OAuthProblem.requestTokenNotFound();
            }
            if (requestToken.used) {
                throw OAuthProblem.requestTokenUsed();
            }
            tokenSecret = requestToken.secret;
        } else if (kind == TokenKind.ACCESS) {
            acceptance = state.acceptanceByToken(token);
            if (acceptance == null || !acceptance.consumerKey().equals(consumerKey)) {
                throw OAuthProblem.accessTokenNotFound();
            }
            tokenSecret = acceptance.secret();
        }
        long timestamp = checkTimestamp(params.get("oauth_timestamp"));
        String nonce = params.get("oauth_nonce");
        if (nonce == null || nonce.isEmpty()) {
            throw OAuthProblem.protocol("Missing nonce parameter. The parameter is required");
        }
        if (!state.useNonce(consumerKey, kind == TokenKind.NONE ? null : token, nonce, timestamp)) {
            throw OAuthProblem.protocol("Nonce already used: " + nonce);
        }
        String method = params.getOrDefault("oauth_signature_method", "PLAINTEXT");
        if (!method.equals("HMAC-SHA1") && !method.equals("RSA-SHA1")) {
            throw OAuthProblem.protocol("Signature method '" + method
                    + "' not supported try one of the following: HMAC-SHA1, RSA-SHA1");
        }
        String signature = params.get("oauth_signature");
        if (!method.equals("HMAC-SHA1") || signature == null
                || !signatureMatches(signature, request, header, consumer, tokenSecret)) {
            throw OAuthProblem.protocol("Invalid signature");
        }
        return new Passed(consumer, params, requestToken, acceptance);
    }

    private long checkTimestamp(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            throw OAuthProblem.protocol("Missing timestamp parameter. The parameter is required");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            timestamp = 0;
        }
        long now = state.now().getEpochSecond();
        if (Math.abs(now - timestamp) > WikiState.TIMESTAMP_THRESHOLD) {
            throw OAuthProblem.protocol("Expired timestamp, yours " + value + ", ours " + now);
        }
        return timestamp;
    }

    /**
     * Checks the signature with {@link Rfc5849Signature}, not the library's signer. The base string URL is
     * {@code $wgServer} + REQUEST_URI, whatever Host the client used; the signed parameters are its query, the form
     * body and the {@code Authorization} header's parameters but {@code realm}.
     */
    private boolean signatureMatches(String signature, WikiRequest request, List<Parameter> header,
            Consumer consumer, String tokenSecret) {
        URI uri;
        try {
            uri = URI.create(server + request.target());
        } catch (IllegalArgumentException e) {
            throw OAuthProblem.protocol("Invalid signature");
        }
        Set<String> inHeader = new HashSet<>();
        header.forEach(p -> inHeader.add(p.name()));
        boolean merged = request.query().stream().anyMatch(p -> inHeader.contains(p.name()))
                || request.form().stream().anyMatch(p -> inHeader.contains(p.name()));
        List<Map.Entry<String, String>> signed = new ArrayList<>();
        if (merged) {
            // PHP merges query, body and header into one map, the header's winning: a parameter sent in both
            // enters the wiki's base string once, and a client that signed both occurrences fails (§10)
            uri = URI.create(server + request.path());
            request.query().stream().filter(p -> !inHeader.contains(p.name()))
                    .forEach(p -> signed.add(Map.entry(p.name(), p.value())));
        }
        for (Parameter p : request.form()) {
            if (!merged || !inHeader.contains(p.name())) {
                signed.add(Map.entry(p.name(), p.value()));
            }
        }
        for (Parameter p : header) {
            if (!p.name().equals("realm")) {
                signed.add(Map.entry(p.name(), p.value()));
            }
        }
        return Rfc5849Signature.matches(signature, request.method(), uri, signed, consumer.secret(), tokenSecret);
    }
}
