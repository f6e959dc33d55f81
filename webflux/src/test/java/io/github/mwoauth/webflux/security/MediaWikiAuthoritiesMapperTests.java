package io.github.mwoauth.webflux.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.MediaWikiIdentity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

class MediaWikiAuthoritiesMapperTests {

    @Test
    void standardWhenGroupsGrantsAndRightsThenPrefixedAndImplicitGroupLeftOut() {
        MediaWikiIdentity identity = new MediaWikiIdentity("7", "Sam", List.of("*", "user", "sysop"),
                List.of("read", "block"), List.of("basic", "editpage"), 3, false, false, null, null, null, Map.of());

        assertThat(MediaWikiAuthoritiesMapper.standard().authorities(identity)).extracting(GrantedAuthority::getAuthority)
                .containsExactly("GROUP_user", "GROUP_sysop", "GRANT_basic", "GRANT_editpage", "RIGHT_read",
                        "RIGHT_block");
    }

    @Test
    void authenticationWhenBuiltThenNameIsTheUserAndNoCredentials() {
        MediaWikiIdentity hidden = new MediaWikiIdentity("9", null, List.of(), List.of(), List.of(), 0, false, false,
                null, null, null, Map.of());

        MediaWikiAuthentication authentication = new MediaWikiAuthentication(hidden, List.of());

        assertThat(authentication.getName()).isEqualTo("#9");
        assertThat(authentication.getPrincipal()).isSameAs(hidden);
        assertThat(authentication.getCredentials()).isNull();
        assertThat(authentication.isAuthenticated()).isTrue();
    }
}
