/** Spring Boot auto-configuration of the login routes, the session token store and the client. */
@NullMarked
package io.github.mwoauth.webflux.autoconfigure;

import org.jspecify.annotations.NullMarked;
