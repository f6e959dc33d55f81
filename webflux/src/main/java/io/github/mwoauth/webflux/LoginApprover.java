package io.github.mwoauth.webflux;

import io.github.mwoauth.MediaWikiIdentity;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * The application's say on a completed login, before the user is stored in the session: complete empty to let the
 * user in (after mapping them to a local account, say), or fail with a {@link LoginRefusedException} to turn them
 * away with its reason on the error page (a blocked user, a grant the application needs and the user did not give).
 * The pending login is used up either way; a refused user's credentials are not stored. Any other failure shows the
 * generic error page.
 *
 * <pre>{@code
 * LoginApprover notBlocked = (request, identity) -> identity.blocked()
 *         ? Mono.error(new LoginRefusedException("Blocked users cannot use this tool."))
 *         : Mono.empty();
 * }</pre>
 */
@FunctionalInterface
public interface LoginApprover {

    /**
     * @param request the callback request
     * @param identity who logged in, verified
     * @return empty to accept; an error to refuse
     */
    Mono<Void> approve(ServerRequest request, MediaWikiIdentity identity);

    /** Lets everyone in: the default. */
    static LoginApprover acceptAll() {
        return (request, identity) -> Mono.empty();
    }

    /** Refuses users without every one of {@code grants}, naming the first one missing. */
    static LoginApprover requireGrants(String... grants) {
        String[] required = grants.clone();
        return (request, identity) -> {
            for (String grant : required) {
                if (!identity.grants().contains(grant)) {
                    return Mono.error(new LoginRefusedException("This tool needs the \"" + grant
                            + "\" permission; log in again and allow it."));
                }
            }
            return Mono.empty();
        };
    }
}
