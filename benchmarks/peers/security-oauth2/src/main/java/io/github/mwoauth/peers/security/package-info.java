/** The OAuth 2.0 peer: Spring Security's oauth2Login() on WebFlux, as its reference documentation shows it. */
@NullMarked
package io.github.mwoauth.peers.security;

import org.jspecify.annotations.NullMarked;
