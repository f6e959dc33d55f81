/** OAuth 1.0a request signing per RFC 5849 (HMAC-SHA1, header form). */
@NullMarked
package io.github.mwoauth.oauth1;

import org.jspecify.annotations.NullMarked;
