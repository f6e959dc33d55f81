package io.github.mwoauth.testkit;

import io.github.mwoauth.http.FormEncoding;
import io.github.mwoauth.oauth1.OAuth1Credentials;
import io.github.mwoauth.oauth1.OAuth1Signer;
import io.github.mwoauth.http.Parameter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A plain HTTP client for tests: real requests over loopback, signed with core's {@link OAuth1Signer}. */
final class WireClient {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String FORM = "application/x-www-form-urlencoded";

    record Response(int status, HttpHeaders headers, String body) {

        String header(String name) {
            return headers.firstValue(name).orElse("");
        }

        String contentType() {
            return header("Content-Type");
        }

        /** A {@code a=1&b=2} body as a map. */
        Map<String, String> form() {
            Map<String, String> out = new LinkedHashMap<>();
            for (Parameter p : FormEncoding.parse(body.strip())) {
                out.put(p.name(), p.value());
            }
            return out;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    private final OAuth1Signer signer;

    WireClient(Clock clock) {
        this.signer = new OAuth1Signer(clock);
    }

    WireClient() {
        this(Clock.systemUTC());
    }

    /** The {@code Authorization} header for a request. */
    String sign(String method, String url, List<Parameter> form, OAuth1Credentials credentials,
            Parameter... extra) {
        return signer.sign(method, URI.create(url), form, credentials, List.of(extra)).authorizationHeader();
    }

    Response get(String url, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
    }

    Response post(String url, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!contentType.isEmpty()) {
            b.header("Content-Type", contentType);
        }
        return send(b, headers);
    }

    Response postForm(String url, List<Parameter> form, String... headers) {
        return post(url, FORM, FormEncoding.write(form), headers);
    }

    /** A signed GET with the OAuth header. */
    Response signedGet(String url, OAuth1Credentials credentials, Parameter... extra) {
        return get(url, "Authorization", sign("GET", url, List.of(), credentials, extra));
    }

    /** A signed POST with no body, as mwoauth sends initiate/token/identify. */
    Response signedPost(String url, OAuth1Credentials credentials, Parameter... extra) {
        return post(url, "", "", "Authorization", sign("POST", url, List.of(), credentials, extra));
    }

    /** A signed POST with a form body whose fields are part of the signature. */
    Response signedPostForm(String url, List<Parameter> form, OAuth1Credentials credentials) {
        return postForm(url, form, "Authorization", sign("POST", url, form, credentials));
    }

    Response send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = http.send(builder.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static @Nullable String query(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (Parameter p : FormEncoding.parse(url.substring(q + 1))) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        return null;
    }

    /** The hidden fields of a form in {@code html}, in order, their values unescaped. */
    static List<Parameter> hiddenFields(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("<input type='hidden' name='([^']*)' value='([^']*)'>").matcher(html);
        List<Parameter> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(Parameter.of(m.group(1), m.group(2).replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&quot;", "\"").replace("&#039;", "'").replace("&amp;", "&")));
        }
        return out;
    }
}
