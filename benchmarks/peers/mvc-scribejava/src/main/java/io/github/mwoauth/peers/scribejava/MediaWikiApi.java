package io.github.mwoauth.peers.scribejava;

import com.github.scribejava.core.builder.api.DefaultApi10a;

/**
 * A MediaWiki wiki's Extension:OAuth endpoints for scribejava: the special pages on index.php
 * ({@code Special:OAuth/initiate}, {@code /authorize}, {@code /token}), as scribejava-apis' own
 * {@code MediaWikiApi} names them.
 */
final class MediaWikiApi extends DefaultApi10a {

    private final String indexUrl;

    /** @param indexUrl the wiki's index.php, e.g. {@code https://meta.wikimedia.org/w/index.php} */
    MediaWikiApi(String indexUrl) {
        this.indexUrl = indexUrl;
    }

    @Override
    public String getRequestTokenEndpoint() {
        return indexUrl + "?title=Special:OAuth/initiate";
    }

    @Override
    public String getAccessTokenEndpoint() {
        return indexUrl + "?title=Special:OAuth/token";
    }

    @Override
    protected String getAuthorizationBaseUrl() {
        return indexUrl + "?title=Special:OAuth/authorize";
    }

    /** {@code Special:OAuth/identify}: the signed JWT naming the user of an access token. */
    String getIdentifyEndpoint() {
        return indexUrl + "?title=Special:OAuth/identify";
    }
}
