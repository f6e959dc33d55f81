package io.github.mwoauth.testkit;

import io.github.mwoauth.oauth1.AuthorizationHeader;
import io.github.mwoauth.http.FormEncoding;
import io.github.mwoauth.http.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One received request, decoded: the request target exactly as sent, query and body parameters, the
 * {@code Authorization: OAuth} parameters and cookies.
 *
 * @param method the upper-case method
 * @param target the request target as received (path and query, undecoded)
 * @param path the raw path of the target
 * @param query the decoded query parameters
 * @param form the decoded {@code application/x-www-form-urlencoded} body fields (signed by OAuth)
 * @param multipart the text fields of a {@code multipart/form-data} body (never signed)
 * @param oauthHeader the parameters of an {@code Authorization: OAuth} header, or {@code null}
 * @param cookies the cookies
 * @param bearer the token of an {@code Authorization: Bearer} header (OAuth 2.0), or {@code null}
 * @param authorization the {@code Authorization} header as sent, or {@code null}
 * @param files the file parts of a streamed multipart body (see {@link RequestBodies})
 */
record WikiRequest(String method, String target, String path, List<Parameter> query, List<Parameter> form,
        List<Parameter> multipart, @Nullable List<Parameter> oauthHeader, Map<String, String> cookies,
        @Nullable String bearer, @Nullable String authorization, List<ReceivedFile> files) {

    static WikiRequest of(String method, String target, @Nullable String contentType,
            @Nullable String authorization, @Nullable String cookieHeader, byte[] body) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        List<Parameter> query = q < 0 ? List.of() : FormEncoding.parse(target.substring(q + 1));
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        List<Parameter> form = type.startsWith("application/x-www-form-urlencoded")
                ? FormEncoding.parse(new String(body, StandardCharsets.UTF_8).strip()) : List.of();
        List<Parameter> multipart = type.startsWith("multipart/form-data") && contentType != null
                ? parseMultipart(contentType, body) : List.of();
        List<Parameter> oauth = authorization == null ? null : AuthorizationHeader.parse(authorization);
        return new WikiRequest(method.toUpperCase(Locale.ROOT), target, path, query, form, multipart, oauth,
                parseCookies(cookieHeader), bearer(authorization), authorization, List.of());
    }

    /** This request with a streamed multipart body's text fields and file parts. */
    WikiRequest withBody(List<Parameter> fields, List<ReceivedFile> fileParts) {
        return new WikiRequest(method, target, path, query, form, List.copyOf(fields), oauthHeader, cookies, bearer,
                authorization, List.copyOf(fileParts));
    }

    /** The file part named {@code field}, or {@code null}. */
    @Nullable ReceivedFile file(String field) {
        for (ReceivedFile f : files) {
            if (f.field.equals(field)) {
                return f;
            }
        }
        return null;
    }

    /** The first value of {@code name}, POST body before query string as in PHP's {@code $_REQUEST}. */
    @Nullable String param(String name) {
        for (List<Parameter> source : List.of(form, multipart, query)) {
            for (Parameter p : source) {
                if (p.name().equals(name)) {
                    return p.value();
                }
            }
        }
        return null;
    }

    String param(String name, String fallback) {
        String value = param(name);
        return value == null ? fallback : value;
    }

    /** Every query and body parameter, body parameters first. */
    List<Parameter> allParams() {
        List<Parameter> all = new ArrayList<>(form);
        all.addAll(multipart);
        all.addAll(query);
        return all;
    }

    boolean isPost() {
        return method.equals("POST");
    }

    /** RFC 6750 §2.1: the scheme is case-insensitive, the token follows one space. */
    private static @Nullable String bearer(@Nullable String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.length() > 7 && value.substring(0, 7).equalsIgnoreCase("Bearer ")) {
            return value.substring(7).strip();
        }
        return null;
    }

    private static Map<String, String> parseCookies(@Nullable String header) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header == null) {
            return out;
        }
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        return out;
    }

    private static List<Parameter> parseMultipart(String contentType, byte[] body) {
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("boundary=");
        List<Parameter> out = new ArrayList<>();
        if (at < 0) {
            return out;
        }
        String boundary = contentType.substring(at + "boundary=".length()).split(";")[0].strip();
        if (boundary.startsWith("\"") && boundary.endsWith("\"") && boundary.length() > 1) {
            boundary = boundary.substring(1, boundary.length() - 1);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        for (String part : text.split("--" + java.util.regex.Pattern.quote(boundary))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headersEnd);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
            if (!m.find()) {
                continue;
            }
            String value = part.substring(headersEnd + 4);
            if (value.endsWith("\r\n")) {
                value = value.substring(0, value.length() - 2);
            }
            out.add(new Parameter(m.group(1), value));
        }
        return out;
    }
}
