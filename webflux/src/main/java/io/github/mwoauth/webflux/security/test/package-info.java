/**
 * Test support for applications behind Spring Security with the MediaWiki login: a wiki user for
 * {@code WebTestClient}, without a wiki. Needs {@code spring-security-test} and {@code spring-test}, which
 * applications have in their test scope.
 */
@NullMarked
package io.github.mwoauth.webflux.security.test;

import org.jspecify.annotations.NullMarked;
