/**
 * Spring Security integration, used only when Spring Security is on the class path: the MediaWiki login as a
 * Spring Security authentication ({@link io.github.mwoauth.webflux.security.MediaWikiAuthentication}, principal the
 * {@link io.github.mwoauth.MediaWikiIdentity}), read from the session by
 * {@link io.github.mwoauth.webflux.security.MediaWikiSecurityContextRepository}, and
 * {@link io.github.mwoauth.webflux.security.MediaWikiSecurity}, the customizer of a {@code ServerHttpSecurity} chain.
 */
@NullMarked
package io.github.mwoauth.webflux.security;

import org.jspecify.annotations.NullMarked;
