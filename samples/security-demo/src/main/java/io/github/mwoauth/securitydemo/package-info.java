/** The demo behind Spring Security, with the MediaWiki login as its authentication. */
@NullMarked
package io.github.mwoauth.securitydemo;

import org.jspecify.annotations.NullMarked;
