/**
 * Spring WebFlux support: the login, callback and logout endpoints ({@link io.github.mwoauth.webflux.MediaWikiOAuthRoutes}),
 * the sealed {@link org.springframework.web.server.WebSession} token store and the filter that binds the current
 * request's session to {@link io.github.mwoauth.ReactiveMediaWikiClient} through the Reactor context.
 */
@NullMarked
package io.github.mwoauth.webflux;

import org.jspecify.annotations.NullMarked;
