package io.github.mwoauth.webflux.security;

import io.github.mwoauth.MediaWikiIdentity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a wiki user may do in the application, as Spring Security authorities. Replace it (a bean of this type in
 * Spring Boot) to map wiki users to an application's own roles.
 */
@FunctionalInterface
public interface MediaWikiAuthoritiesMapper {

    /** The authorities of {@code identity}. */
    Collection<? extends GrantedAuthority> authorities(MediaWikiIdentity identity);

    /**
     * {@code GROUP_<group>} for each of the wiki's user groups but the implicit {@code *} (e.g.
     * {@code GROUP_sysop}), {@code GRANT_<grant>} for each grant the user gave the application (e.g.
     * {@code GRANT_editpage}), and {@code RIGHT_<right>} for each right the identity lists. The session keeps no
     * rights (they alone would exceed its size budget), so rights appear only where an identity fresh from the
     * wiki is mapped.
     */
    static MediaWikiAuthoritiesMapper standard() {
        return identity -> {
            List<GrantedAuthority> authorities = new ArrayList<>();
            identity.groups().stream().filter(group -> !group.equals("*"))
                    .forEach(group -> authorities.add(new SimpleGrantedAuthority("GROUP_" + group)));
            identity.grants().forEach(grant -> authorities.add(new SimpleGrantedAuthority("GRANT_" + grant)));
            identity.rights().forEach(right -> authorities.add(new SimpleGrantedAuthority("RIGHT_" + right)));
            return authorities;
        };
    }
}
