package io.github.mwoauth.login;

import io.github.mwoauth.MediaWikiEndpoints;
import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.http.Parameter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * How users log in with a wiki and how their requests are authorized: one implementation per protocol of
 * Extension:OAuth, {@code oauth1.OAuth1Login} and {@code oauth2.OAuth2Login}. Everything that differs between
 * the protocols is here; the login routes and {@code ReactiveMediaWikiClient} run the same flow over either.
 * Implementations are immutable and thread-safe, and every {@code Mono} is cold.
 *
 * <p>A login has three steps: {@link #start()} (send the user to the wiki, keep a {@link PendingLogin}), the
 * wiki's callback naming that pending login by {@link #callbackKeyParameter()}, and
 * {@link #complete(PendingLogin, Map)} (the user's credentials and verified identity). Afterwards the login type
 * authorizes the user's API requests ({@link #authorization}), keeps the credentials usable ({@link #authorized},
 * refreshing OAuth 2.0 tokens) and asks the wiki who the user is ({@link #identify}).
 */
public interface MediaWikiLogin {

    /** The wiki users log in with. */
    MediaWikiEndpoints endpoints();

    /** The query parameter of the wiki's callback that names the pending login. */
    String callbackKeyParameter();

    /**
     * Starts a login: where to send the user, and what to keep until the callback. OAuth 1.0a asks the wiki for a
     * request token first; OAuth 2.0 sends nothing.
     */
    Mono<LoginRedirect> start();

    /**
     * Completes a login from the wiki's callback: the user's credentials and verified identity. Errors:
     * {@code LoginDeniedException} when the wiki says the user refused, {@code IncompleteCallbackException}
     * when the callback lacks what completing needs (nothing is sent to the wiki then),
     * {@code HandshakeException} when the wiki refuses, {@code WikiUnavailableException} when it cannot be used,
     * {@code IdentityVerificationException} when the identity fails a check.
     *
     * @param pending the pending login the callback names
     * @param callback the callback's query parameters (first values)
     */
    Mono<AuthorizedUser> complete(PendingLogin pending, Map<String, String> callback);

    /**
     * The {@code Authorization} header of a request as the holder of {@code credentials}: an OAuth 1.0a signature
     * over the method, URI and form fields, or an OAuth 2.0 bearer token.
     *
     * @param form the {@code application/x-www-form-urlencoded} fields sent in the body (signed by OAuth 1.0a);
     *     empty for a GET or a multipart body
     * @throws IllegalArgumentException when this login did not issue {@code credentials}
     */
    String authorization(UserCredentials credentials, String method, URI uri, List<Parameter> form);

    /**
     * Runs {@code work} with credentials that are usable now, standing for {@code credentials}: OAuth 2.0 tokens
     * that have expired are refreshed first (and stored in {@code store}), and when the wiki rejects the access
     * token, {@code work} runs once more with refreshed ones. Fails with {@code LoginRequiredException} (the
     * refused credentials cleared from {@code store}) when the tokens can no longer be refreshed. OAuth 1.0a
     * runs {@code work} as it is.
     */
    <T> Mono<T> authorized(UserCredentials credentials, TokenStore store, Function<UserCredentials, Mono<T>> work);

    /**
     * Asks the wiki who holds {@code credentials}. Completes empty, the user cleared from {@code store}, when the
     * wiki says the grant is gone.
     */
    Mono<MediaWikiIdentity> identify(UserCredentials credentials, TokenStore store);

    /** A key for the user of {@code credentials} in per-user caches: stable, and never a secret. */
    String userKey(UserCredentials credentials);

    /** {@code credentials} as one line of text, for a store; {@link #readCredentials(String)} reads it back. */
    String writeCredentials(UserCredentials credentials);

    /** Credentials written by {@link #writeCredentials(UserCredentials)}; empty when the text is not such. */
    Optional<UserCredentials> readCredentials(String text);
}
