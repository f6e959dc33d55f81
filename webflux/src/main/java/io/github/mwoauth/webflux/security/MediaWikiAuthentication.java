package io.github.mwoauth.webflux.security;

import io.github.mwoauth.MediaWikiIdentity;
import java.io.Serial;
import java.util.Collection;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A user logged in with the wiki, as Spring Security sees them: the principal is the {@link MediaWikiIdentity}
 * ({@code @AuthenticationPrincipal MediaWikiIdentity identity}), {@link #getName()} the user name, the authorities
 * what a {@link MediaWikiAuthoritiesMapper} made of the groups and grants. Carries no credentials: the tokens stay
 * sealed in the session, where the client reads them. Made anew for each request from the session's sealed user;
 * not meant to be serialized (the identity is not).
 */
public final class MediaWikiAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient MediaWikiIdentity identity;

    /**
     * An authenticated user.
     *
     * @param identity who the user is
     * @param authorities what they may do
     */
    public MediaWikiAuthentication(MediaWikiIdentity identity, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.identity = Objects.requireNonNull(identity, "identity cannot be null");
        setAuthenticated(true);
    }

    /** The identity. */
    @Override
    public MediaWikiIdentity getPrincipal() {
        return identity;
    }

    /** Always {@code null}: the credentials never leave the sealed session attribute. */
    @Override
    public @Nullable Object getCredentials() {
        return null;
    }

    /** The user name ({@code #<sub>} for a hidden user). */
    @Override
    public String getName() {
        return identity.displayName();
    }
}
