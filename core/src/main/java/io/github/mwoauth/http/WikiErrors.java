package io.github.mwoauth.http;

import io.github.mwoauth.HandshakeException;
import io.github.mwoauth.WikiUnavailableException.Kind;
import io.github.mwoauth.WikiUnavailableException;
import io.github.mwoauth.support.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Turns the wiki's error bodies into exceptions. */
public final class WikiErrors {


    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ERROR_CODE = Pattern.compile("\\bE\\d{3}\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private WikiErrors() {
    }

    /** {@code Error: <HTML-escaped text>}, the {@code format=raw} error of Special:OAuth. */
    public static HandshakeException handshakeText(String step, String body) {
        String text = plain(body.substring("Error:".length()));
        return new HandshakeException(step, text, null, errorCode(text));
    }

    /** {@code {"error":"<key>","message":"<text>"}}, the JSON error of Special:OAuth. */
    public static RuntimeException handshakeJson(String step, String body) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return new WikiUnavailableException(Kind.MALFORMED_RESPONSE,
                    "The wiki's answer to the OAuth " + step + " step is not valid JSON", null);
        }
        JsonNode error = json.get("error");
        if (error == null || !error.isString()) {
            return new WikiUnavailableException(Kind.MALFORMED_RESPONSE,
                    "The wiki's answer to the OAuth " + step + " step is unexpected JSON", null);
        }
        JsonNode message = json.get("message");
        String text = message != null && message.isString() ? plain(message.asString()) : error.asString();
        return new HandshakeException(step, text, error.asString(), errorCode(text));
    }

    /** Decodes HTML entities, drops markup and folds white space. */
    public static String plain(String html) {
        String unescaped = HtmlUtils.htmlUnescape(html);
        String noTags = TAG.matcher(unescaped).replaceAll("");
        // Some messages are escaped twice (escaped markup inside the raw text).
        noTags = TAG.matcher(HtmlUtils.htmlUnescape(noTags)).replaceAll("");
        return SPACES.matcher(noTags).replaceAll(" ").strip();
    }

    static @Nullable String errorCode(String text) {
        Matcher m = ERROR_CODE.matcher(text);
        String code = null;
        while (m.find()) {
            code = m.group();
        }
        return code;
    }
}
