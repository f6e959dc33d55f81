/**
 * Spring Boot support for running an application offline against a LocalWiki and an embedded Redis. Needs
 * {@code spring-boot}, {@code spring-boot-web-server} and {@code com.github.codemonstur:embedded-redis} on the
 * class path (optional dependencies of the testkit).
 */
@NullMarked
package io.github.mwoauth.testkit.boot;

import org.jspecify.annotations.NullMarked;
