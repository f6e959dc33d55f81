/**
 * How the library talks HTTP to a wiki: the exchange with its limits and User-Agent, form encoding, the wiki's
 * error bodies and observations. Published for the library's login types and modules; not part of its API.
 */
@NullMarked
package io.github.mwoauth.http;

import org.jspecify.annotations.NullMarked;
