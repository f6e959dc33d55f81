@NullMarked
package io.github.mwoauth.testkit;

import org.jspecify.annotations.NullMarked;
