/**
 * Small helpers with no MediaWiki meaning, shared by the library's modules: one seeded DRBG, one warmed JSON
 * mapper, one bounded cache. Published for the library's own modules; not part of its API.
 */
@NullMarked
package io.github.mwoauth.support;

import org.jspecify.annotations.NullMarked;
