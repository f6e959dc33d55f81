package io.github.mwoauth;

import tools.jackson.databind.JsonNode;

/** The Action API answered with an {@code error}: its code, its info text and the whole body. */
public class MediaWikiApiException extends MediaWikiOAuthException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String info;
    private final transient JsonNode body;

    public MediaWikiApiException(String code, String info, JsonNode body) {
        super("MediaWiki API error " + code + ": " + info);
        this.code = code;
        this.info = info;
        this.body = body;
    }

    public String code() {
        return code;
    }

    public String info() {
        return info;
    }

    /** The full response body, as the wiki sent it. */
    public JsonNode body() {
        return body;
    }
}
