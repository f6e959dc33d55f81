/**
 * LocalWiki: an in-process emulator of a MediaWiki wiki running Extension:OAuth 1.0a, served over real HTTP
 * by Reactor Netty, with test controls (approve, deny, revoke, fault injection) and a JUnit extension.
 */
@NullMarked
package io.github.mwoauth.testkit;

import org.jspecify.annotations.NullMarked;
