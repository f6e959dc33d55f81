package io.github.mwoauth.webflux.security.test;

import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.webflux.security.MediaWikiAuthentication;
import io.github.mwoauth.webflux.security.MediaWikiAuthoritiesMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * A logged-in wiki user for application tests, without a wiki: the request's {@link MediaWikiAuthentication}, as
 * {@code MediaWikiSecurity} would load it from the session. Built on Spring Security's own test support, so the
 * client is set up as for {@code mockUser()}:
 *
 * <pre>{@code
 * WebTestClient client = WebTestClient.bindToApplicationContext(context).apply(springSecurity()).configureClient().build();
 * client.mutateWith(mockMediaWikiUser("Alice").groups("sysop").grants("editpage")).get().uri("/admin").exchange()
 *         .expectStatus().isOk();
 * }</pre>
 *
 * The user exists for Spring Security only: the session holds no credentials, so the client's calls to the wiki
 * find nobody logged in.
 */
public final class MediaWikiSecurityMockServerConfigurers {

    private MediaWikiSecurityMockServerConfigurers() {
    }

    /** A user called {@code name}, in the groups {@code *} and {@code user}, with the grant {@code basic}. */
    public static MediaWikiUserConfigurer mockMediaWikiUser(String name) {
        return new MediaWikiUserConfigurer(name);
    }

    /** The user of {@link #mockMediaWikiUser(String)}; each method adds to it. Not thread-safe. */
    public static final class MediaWikiUserConfigurer implements WebTestClientConfigurer {

        private final String name;
        private final List<String> groups = new ArrayList<>(List.of("*", "user"));
        private final List<String> grants = new ArrayList<>(List.of("basic"));
        private final List<String> rights = new ArrayList<>();
        private boolean blocked;
        private MediaWikiAuthoritiesMapper authorities = MediaWikiAuthoritiesMapper.standard();

        private MediaWikiUserConfigurer(String name) {
            this.name = Objects.requireNonNull(name, "name cannot be null");
        }

        /** Adds wiki user groups, e.g. {@code sysop}. */
        public MediaWikiUserConfigurer groups(String... values) {
            groups.addAll(List.of(values));
            return this;
        }

        /** Adds grants the user gave the application, e.g. {@code editpage}. */
        public MediaWikiUserConfigurer grants(String... values) {
            grants.addAll(List.of(values));
            return this;
        }

        /** Adds rights, as an identity fresh from the wiki lists them. */
        public MediaWikiUserConfigurer rights(String... values) {
            rights.addAll(List.of(values));
            return this;
        }

        public MediaWikiUserConfigurer blocked(boolean value) {
            this.blocked = value;
            return this;
        }

        /** The application's mapper, when it has its own; {@link MediaWikiAuthoritiesMapper#standard()} unless set. */
        public MediaWikiUserConfigurer authorities(MediaWikiAuthoritiesMapper mapper) {
            this.authorities = Objects.requireNonNull(mapper, "mapper cannot be null");
            return this;
        }

        /** The identity this user has. */
        public MediaWikiIdentity identity() {
            return new MediaWikiIdentity(String.valueOf(Math.abs((long) name.hashCode())), name, groups, rights,
                    grants, 0, blocked, false, null, null, null, Map.of());
        }

        @Override
        public void afterConfigurerAdded(WebTestClient.Builder builder,
                @Nullable WebHttpHandlerBuilder httpHandlerBuilder, @Nullable ClientHttpConnector connector) {
            MediaWikiIdentity identity = identity();
            WebTestClientConfigurer mock = SecurityMockServerConfigurers.mockAuthentication(
                    new MediaWikiAuthentication(identity, authorities.authorities(identity)));
            mock.afterConfigurerAdded(builder, httpHandlerBuilder, connector);
        }
    }
}
