/** The demo application: flask-mwoauth's demo.py on Spring WebFlux. */
@NullMarked
package io.github.mwoauth.demo;

import org.jspecify.annotations.NullMarked;
