package io.github.mwoauth.oauth1;

import io.github.mwoauth.HandshakeException;
import io.github.mwoauth.IdentityVerificationException;
import io.github.mwoauth.MediaWikiEndpoints;
import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.WikiUnavailableException.Kind;
import io.github.mwoauth.WikiUnavailableException;
import io.github.mwoauth.http.FormEncoding;
import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.http.WikiErrors;
import io.github.mwoauth.http.WikiHttp;
import io.github.mwoauth.http.WikiObservations;
import io.github.mwoauth.http.WikiResponse;
import io.github.mwoauth.login.LoginRedirect;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The OAuth 1.0a handshake with a wiki's Extension:OAuth: initiate, the authorize URL, the token exchange and
 * identify. Obtain one from {@link OAuth1Login#handshake()}. Every failure is an error signal:
 * {@link HandshakeException} when the wiki refused, {@link WikiUnavailableException} when it could not be
 * used, {@link IdentityVerificationException} when the identity JWT fails a check.
 */
public final class OAuth1Handshake {

    /** What {@code oauth_callback} is when none is given: MediaWiki's rule for non-prefix consumers. */
    public static final String OUT_OF_BAND = "oob";

    private final MediaWikiEndpoints endpoints;
    private final ConsumerCredentials consumer;
    private final OAuth1Signer signer;
    private final WikiHttp http;
    private final IdentityVerifier identityVerifier;
    private final WikiObservations observations;

    OAuth1Handshake(MediaWikiEndpoints endpoints, ConsumerCredentials consumer, OAuth1Signer signer, WikiHttp http,
            IdentityVerifier identityVerifier, WikiObservations observations) {
        this.endpoints = endpoints;
        this.consumer = consumer;
        this.signer = signer;
        this.http = http;
        this.identityVerifier = identityVerifier;
        this.observations = observations;
    }

    /** The wiki. */
    public MediaWikiEndpoints endpoints() {
        return endpoints;
    }

    /** Initiates with {@code oauth_callback=oob}: the wiki sends the user to the consumer's registered callback. */
    public Mono<LoginRedirect> initiate() {
        return initiate(OUT_OF_BAND);
    }

    /**
     * Initiates with a callback URL, for consumers registered with "callback is prefix"; the wiki appends
     * {@code oauth_verifier} and {@code oauth_token} to it.
     */
    public Mono<LoginRedirect> initiate(String callback) {
        Objects.requireNonNull(callback, "callback cannot be null");
        URI uri = endpoints.specialOAuth("initiate");
        return observations.handshake("initiate", Mono.defer(() -> {
            SignedRequest signed = signer.sign("POST", uri, List.of(),
                    OAuth1Credentials.consumerOnly(consumer.key(), consumer.secret()),
                    List.of(Parameter.of("oauth_callback", callback)));
            return http.postForm(uri, List.of(), signed.authorizationHeader());
        }).map(response -> {
            List<Parameter> fields = tokenResponse("initiate", response);
            RequestToken token = new RequestToken(field(fields, "oauth_token", "initiate"),
                    field(fields, "oauth_token_secret", "initiate"));
            return new LoginRedirect(authorizeUrl(token), token.key(), token.secret());
        }));
    }

    /** The wiki page where the user grants (or refuses) access for this request token. */
    public URI authorizeUrl(RequestToken requestToken) {
        return endpoints.authorize(requestToken.key(), consumer.key());
    }

    /**
     * Exchanges the verifier of the callback for an access token.
     *
     * @param requestToken the pending request token kept since initiate
     * @param callbackToken the callback's {@code oauth_token}, which must equal the request token
     * @param verifier the callback's {@code oauth_verifier}
     */
    public Mono<AccessToken> complete(RequestToken requestToken, String callbackToken, String verifier) {
        Objects.requireNonNull(requestToken, "requestToken cannot be null");
        if (!MessageDigest.isEqual(requestToken.key().getBytes(StandardCharsets.UTF_8),
                callbackToken.getBytes(StandardCharsets.UTF_8))) {
            return Mono.error(new HandshakeException("callback",
                    "the callback's oauth_token does not match the pending request token", null, null));
        }
        if (verifier.isEmpty()) {
            return Mono.error(new HandshakeException("callback", "the callback carries no oauth_verifier", null, null));
        }
        URI uri = endpoints.specialOAuth("token");
        return observations.handshake("token", Mono.defer(() -> {
            SignedRequest signed = signer.sign("POST", uri, List.of(),
                    new OAuth1Credentials(consumer.key(), consumer.secret(), requestToken.key(), requestToken.secret()),
                    List.of(Parameter.of("oauth_verifier", verifier)));
            return http.postForm(uri, List.of(), signed.authorizationHeader());
        }).map(response -> {
            List<Parameter> fields = tokenResponse("token", response);
            return new AccessToken(field(fields, "oauth_token", "token"), field(fields, "oauth_token_secret", "token"));
        }));
    }

    /** Asks the wiki who holds {@code accessToken}, and verifies the answer fully. */
    public Mono<MediaWikiIdentity> identify(AccessToken accessToken) {
        Objects.requireNonNull(accessToken, "accessToken cannot be null");
        URI uri = endpoints.specialOAuth("identify");
        return observations.handshake("identify", Mono.defer(() -> {
            SignedRequest signed = signer.sign("POST", uri, List.of(),
                    new OAuth1Credentials(consumer.key(), consumer.secret(), accessToken.key(), accessToken.secret()),
                    List.of());
            return http.postForm(uri, List.of(), signed.authorizationHeader())
                    .map(response -> identity(response, signed.nonce()));
        }));
    }

    private MediaWikiIdentity identity(WikiResponse response, String nonce) {
        requireSuccess("identify", response);
        String body = response.text().strip();
        if (body.startsWith("{")) {
            throw WikiErrors.handshakeJson("identify", body);
        }
        if (body.startsWith("Error:")) {
            throw WikiErrors.handshakeText("identify", body);
        }
        return identityVerifier.verify(body, nonce);
    }

    private static List<Parameter> tokenResponse(String step, WikiResponse response) {
        requireSuccess(step, response);
        String body = response.text().strip();
        if (body.startsWith("Error:")) {
            throw WikiErrors.handshakeText(step, body);
        }
        if (body.startsWith("{")) {
            throw WikiErrors.handshakeJson(step, body);
        }
        return FormEncoding.parse(body);
    }

    private static void requireSuccess(String step, WikiResponse response) {
        if (!response.isSuccess()) {
            throw new WikiUnavailableException(Kind.HTTP_ERROR, response.status(),
                    "The wiki answered the OAuth " + step + " step with HTTP " + response.status(), null);
        }
    }

    private static String field(List<Parameter> fields, String name, String step) {
        @Nullable String value = null;
        for (Parameter p : fields) {
            if (p.name().equals(name)) {
                value = p.value();
            }
        }
        if (value == null || value.isEmpty()) {
            throw new WikiUnavailableException(Kind.MALFORMED_RESPONSE,
                    "The wiki's answer to the OAuth " + step + " step has no " + name, null);
        }
        return value;
    }
}
