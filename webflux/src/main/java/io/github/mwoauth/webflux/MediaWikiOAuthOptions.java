package io.github.mwoauth.webflux;

import java.util.Objects;

/**
 * Where the login routes are and how they answer. Immutable; start from {@link #defaults()} or
 * {@link #builder()}, derive with {@link #toBuilder()}. What belongs to a protocol (callback URL, redirect URI)
 * is the login's setting, what belongs to pending logins (their number and lifetime) the repository's, and the
 * session-store timeout is {@link SessionAccess}'s.
 *
 * @param prefix prepended to every path, e.g. {@code /auth} (empty by default)
 * @param loginPath the login path, {@code /login}
 * @param callbackPath the path the wiki sends users back to, {@code /oauth-callback}
 * @param logoutPath the logout path (GET and POST), {@code /logout}
 * @param defaultNext where to go after login or logout when {@code next} is absent or unsafe, {@code /}
 * @param errorRenderer how errors are shown, {@link LoginErrorRenderer#standard()}
 * @param loginApprover who may log in, {@link LoginApprover#acceptAll()}
 */
public record MediaWikiOAuthOptions(String prefix, String loginPath, String callbackPath, String logoutPath,
        String defaultNext, LoginErrorRenderer errorRenderer, LoginApprover loginApprover) {

    public MediaWikiOAuthOptions {
        prefix = normalizePrefix(Objects.requireNonNull(prefix, "prefix cannot be null"));
        requirePath(loginPath, "loginPath");
        requirePath(callbackPath, "callbackPath");
        requirePath(logoutPath, "logoutPath");
        if (NextPath.validate(defaultNext).isEmpty()) {
            throw new IllegalArgumentException("defaultNext must be a same-site path such as /, not " + defaultNext);
        }
        Objects.requireNonNull(errorRenderer, "errorRenderer cannot be null");
        Objects.requireNonNull(loginApprover, "loginApprover cannot be null");
    }

    public static MediaWikiOAuthOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().prefix(prefix).paths(loginPath, callbackPath, logoutPath).defaultNext(defaultNext)
                .errorRenderer(errorRenderer).loginApprover(loginApprover);
    }

    /** The full login path, prefix included. */
    public String fullLoginPath() {
        return prefix + loginPath;
    }

    public String fullCallbackPath() {
        return prefix + callbackPath;
    }

    public String fullLogoutPath() {
        return prefix + logoutPath;
    }

    private static String normalizePrefix(String prefix) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!p.isEmpty()) {
            requirePath(p, "prefix");
        }
        return p;
    }

    private static void requirePath(String path, String what) {
        Objects.requireNonNull(path, what + " cannot be null");
        if (!path.startsWith("/") || path.startsWith("//") || path.contains("?")) {
            throw new IllegalArgumentException(what + " must be a path starting with one /, not " + path);
        }
    }

    /** Settings of {@link MediaWikiOAuthOptions}, checked when built. Not thread-safe. */
    public static final class Builder {
        private String prefix = "";
        private String loginPath = "/login";
        private String callbackPath = "/oauth-callback";
        private String logoutPath = "/logout";
        private String defaultNext = "/";
        private LoginErrorRenderer errorRenderer = LoginErrorRenderer.standard();
        private LoginApprover loginApprover = LoginApprover.acceptAll();

        private Builder() {
        }

        public Builder prefix(String value) {
            this.prefix = value;
            return this;
        }

        public Builder paths(String login, String callback, String logout) {
            this.loginPath = login;
            this.callbackPath = callback;
            this.logoutPath = logout;
            return this;
        }

        public Builder defaultNext(String value) {
            this.defaultNext = value;
            return this;
        }

        public Builder errorRenderer(LoginErrorRenderer value) {
            this.errorRenderer = value;
            return this;
        }

        /** Who may log in: checked after the wiki confirmed who the user is, before they are stored. */
        public Builder loginApprover(LoginApprover value) {
            this.loginApprover = value;
            return this;
        }

        public MediaWikiOAuthOptions build() {
            return new MediaWikiOAuthOptions(prefix, loginPath, callbackPath, logoutPath, defaultNext, errorRenderer,
                    loginApprover);
        }
    }
}
