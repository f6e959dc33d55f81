package io.github.mwoauth.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Authorization requests at {@code rest.php/oauth2/authorize}: their parameters, and checking them as league does. */
final class OAuth2AuthorizationRequests {

    /** The parameters of an authorization request that travel through the consent page. */
    static final List<String> PARAMS = List.of("response_type", "client_id", "redirect_uri", "state",
            "code_challenge", "code_challenge_method", "scope", "as");

    /** A PKCE code challenge or verifier (RFC 7636). */
    static final Pattern PKCE = Pattern.compile("^[A-Za-z0-9-._~]{43,128}$");


    private final Map<String, OAuth2Client> clients;

    OAuth2AuthorizationRequests(Map<String, OAuth2Client> clients) {
        this.clients = clients;
    }

    /** The authorization request parameters of {@code request}, in their order. */
    static Map<String, String> params(WikiRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : PARAMS) {
            String value = request.param(name);
            if (value != null) {
                params.put(name, value);
            }
        }
        return params;
    }

    /** league's AuthCodeGrant::validateAuthorizationRequest, with PKCE S256 only and mandatory for public clients. */
    AuthorizationRequest validate(Map<String, String> p) {
        String clientId = p.get("client_id");
        if (clientId == null || clientId.isEmpty()) {
            throw OAuth2Problem.invalidRequest("client_id", null);
        }
        OAuth2Client client = clients.get(clientId);
        if (client == null || client.ownerOnly()) {
            throw OAuth2Problem.invalidClient();
        }
        String redirectUri = p.get("redirect_uri");
        if (redirectUri != null && !redirectUri.equals(client.redirectUri())) {
            throw OAuth2Problem.invalidClient();
        }
        if (!"code".equals(p.get("response_type"))) {
            throw OAuth2Problem.unsupportedGrantType();
        }
        List<String> scopes = new ArrayList<>();
        String scope = p.get("scope");
        if (scope == null || scope.isBlank()) {
            scopes.addAll(client.grants());
        } else {
            for (String s : scope.strip().split("[ +]+")) {
                if (!client.grants().contains(s)) {
                    throw OAuth2Problem.invalidScope(s);
                }
                if (!scopes.contains(s)) {
                    scopes.add(s);
                }
            }
        }
        String challenge = p.get("code_challenge");
        if (challenge != null) {
            if (!"S256".equals(p.getOrDefault("code_challenge_method", "plain"))) {
                throw OAuth2Problem.invalidRequest("code_challenge_method", "Code challenge method must be `S256`");
            }
            if (!PKCE.matcher(challenge).matches()) {
                throw OAuth2Problem.invalidRequest("code_challenge",
                        "Code challenge must follow the specifications of RFC-7636.");
            }
        } else if (!client.confidential()) {
            throw OAuth2Problem.invalidRequest("code_challenge", "Code challenge must be provided for public clients");
        }
        return new AuthorizationRequest(client, redirectUri, p.get("state"), challenge, scopes, p);
    }
}
