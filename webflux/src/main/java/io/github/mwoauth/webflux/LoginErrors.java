package io.github.mwoauth.webflux;

import io.github.mwoauth.HandshakeException;
import io.github.mwoauth.IdentityVerificationException;
import io.github.mwoauth.IncompleteCallbackException;
import io.github.mwoauth.LoginDeniedException;
import io.github.mwoauth.WikiUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/** Maps the failures of the login flow to the {@link LoginError}s users see. */
final class LoginErrors {

    private static final Logger log = LoggerFactory.getLogger(LoginErrors.class);
    private static final ThrottledWarning storeDownWarning = new ThrottledWarning(log);
    private static final ThrottledWarning wikiDownWarning = new ThrottledWarning(log);

    private LoginErrors() {
    }

    static LoginError expired(String loginPath) {
        return new LoginError(HttpStatus.FORBIDDEN, "login_expired", "Sign-in link expired",
                "This sign-in link has expired or was already used; start again.", null, null)
                .withLink(loginPath, "Log in again");
    }

    /** The session store (Redis) cannot be reached: 503, without logging (the caller logs). */
    static LoginError storeDown() {
        return new LoginError(HttpStatus.SERVICE_UNAVAILABLE, "session_store_unavailable",
                "Service temporarily unavailable",
                "The session store cannot be reached right now. Please try again in a moment.", null, null);
    }

    /** The error for a failure; unexpected ones are logged here (with their stack trace) and shown generically. */
    static LoginError of(Throwable failure, String loginPath) {
        if (failure instanceof SessionStoreUnavailableException) {
            storeDownWarning.log("Session store unavailable during login flow: {}", String.valueOf(failure.getCause()));
            log.debug("Session store failure", failure);
            return storeDown();
        }
        if (failure instanceof LoginRefusedException e) {
            log.info("Login refused by the application");
            return new LoginError(HttpStatus.FORBIDDEN, "login_refused", "Sign-in refused", e.reason(), null, null);
        }
        if (failure instanceof LoginDeniedException e) {
            log.info("Authorization ended with error={}", e.error().replaceAll("[^A-Za-z0-9_]", "?"));
            return new LoginError(HttpStatus.FORBIDDEN, e.isCancelled() ? "access_denied" : "authorization_failed",
                    e.isCancelled() ? "Sign-in cancelled" : "Sign-in failed",
                    e.isCancelled() ? "You did not allow this application to use your account on the wiki."
                            : "The wiki did not authorize this sign-in.",
                    null, null).withLink(loginPath, "Log in again");
        }
        if (failure instanceof IncompleteCallbackException) {
            return new LoginError(HttpStatus.BAD_REQUEST, "missing_code", "Sign-in incomplete",
                    "The wiki sent you back without an authorization code; start again.", null, null)
                    .withLink(loginPath, "Log in again");
        }
        if (failure instanceof WikiUnavailableException e) {
            wikiDownWarning.log("Wiki unavailable during login flow: {}", e.getMessage());
            boolean timeout = e.kind() == WikiUnavailableException.Kind.TIMEOUT;
            return new LoginError(timeout ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE,
                    timeout ? "wiki_timeout" : "wiki_unavailable", "The wiki is not responding",
                    timeout ? "The wiki took too long to answer. Please try again in a moment."
                            : "The wiki cannot be reached right now. Please try again in a moment.",
                    null, null).withLink(loginPath, "Try again");
        }
        if (failure instanceof HandshakeException e) {
            log.info("The wiki refused the OAuth {} step: {}", e.step(), e.wikiMessage());
            return new LoginError(HttpStatus.BAD_GATEWAY, "wiki_refused", "The wiki refused the sign-in",
                    "The wiki answered: " + e.wikiMessage(), null, null).withLink(loginPath, "Start again");
        }
        if (failure instanceof IdentityVerificationException e) {
            log.warn("Identity from the wiki rejected: {}", e.getMessage());
            return new LoginError(HttpStatus.BAD_GATEWAY, "identity_rejected", "Sign-in could not be verified",
                    "The wiki's answer about who you are did not pass verification (" + e.check() + ").", null,
                    null).withLink(loginPath, "Start again");
        }
        log.error("Unexpected failure in the login flow", failure);
        return new LoginError(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong",
                "The sign-in could not be completed because of an internal error.", null, null)
                .withLink(loginPath, "Start again");
    }
}
