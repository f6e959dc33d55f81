/** The OAuth 1.0a peer: Spring MVC on Tomcat with scribejava, as its documentation shows it. */
@NullMarked
package io.github.mwoauth.peers.scribejava;

import org.jspecify.annotations.NullMarked;
