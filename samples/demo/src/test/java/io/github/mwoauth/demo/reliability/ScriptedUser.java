package io.github.mwoauth.demo.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as a script: its own cookie jar for the app (cookies are per host, not per port, so the app's
 * cookie goes to every instance and to nginx alike, as in a browser), the wiki's consent form used as a
 * browser would (GET the form as this user, POST Allow), redirects followed by hand so each hop is checked.
 */
final class ScriptedUser {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private static final Pattern HIDDEN = Pattern.compile("<input type='hidden' name='([^']*)' value='([^']*)'>");
    private static final Pattern STATUS = Pattern.compile("<p id=\"status\">(.*?)</p>");

    final String name;
    private final Map<String, String> appCookies = new ConcurrentHashMap<>();
    private final List<Page> pages = new ArrayList<>();

    ScriptedUser(String name) {
        this.name = name;
    }

    /** One response, as seen by the script. */
    record Page(int status, String location, String body, Duration took, String upstream) {
        boolean redirect() {
            return status == 302 || status == 303;
        }
    }

    /** GET on the app (any instance, or nginx) with this user's cookies. */
    Page get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), true);
    }

    /** Starts a login at {@code app} and allows it on the wiki: the callback URL the wiki sends the browser to. */
    String beginLogin(String app) {
        Page login = get(app + "/login");
        require(login.redirect(), "login should redirect to the wiki", login);
        Page form = send(HttpRequest.newBuilder(URI.create(login.location() + "&as=" + encode(name))).GET(), false);
        require(form.status() == 200 && form.body().contains("mw-mwoauth-authorize-form"), "consent form", form);
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(form.body());
        while (hidden.find()) {
            fields.put(hidden.group(1), unescape(hidden.group(2)));
        }
        fields.put("accept", "Allow");
        URI wiki = URI.create(login.location());
        String body = fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        Page allowed = send(HttpRequest.newBuilder(wiki.resolve("/wiki/Special:OAuth/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), false);
        require(allowed.redirect() && allowed.location().contains("oauth_verifier="), "Allow should redirect back",
                allowed);
        return allowed.location();
    }

    /** Follows the wiki's redirect to the callback, sent to {@code app} instead of the callback's own host. */
    Page finishLogin(String callbackUrl, String app) {
        URI callback = URI.create(callbackUrl);
        return get(app + callback.getRawPath() + "?" + callback.getRawQuery());
    }

    /** The whole login through {@code app}; fails unless it ends on a redirect to the site. */
    void logIn(String app) {
        Page done = finishLogin(beginLogin(app), app);
        require(done.redirect() && done.location().startsWith("/"), "callback should redirect into the site", done);
    }

    /** The app's responses since the last call (for counts and latencies). */
    List<Page> drainPages() {
        synchronized (pages) {
            List<Page> seen = List.copyOf(pages);
            pages.clear();
            return seen;
        }
    }

    /** Who the index page says is logged in, or null when the page is not a 200 index. */
    static String statusOf(Page index) {
        Matcher m = STATUS.matcher(index.body());
        return index.status() == 200 && m.find() ? m.group(1) : null;
    }

    private Page send(HttpRequest.Builder request, boolean toApp) {
        if (toApp && !appCookies.isEmpty()) {
            request.header("Cookie", appCookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (toApp) {
                for (String cookie : response.headers().allValues("Set-Cookie")) {
                    String pair = cookie.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        String value = pair.substring(eq + 1);
                        if (value.isEmpty() || cookie.toLowerCase().contains("max-age=0")) {
                            appCookies.remove(pair.substring(0, eq));
                        } else {
                            appCookies.put(pair.substring(0, eq), value);
                        }
                    }
                }
            }
            Page page = new Page(response.statusCode(), response.headers().firstValue("Location").orElse(""),
                    response.body(), took, response.headers().firstValue("X-Upstream").orElse(""));
            if (toApp) {
                synchronized (pages) {
                    pages.add(page);
                }
            }
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + request.build().uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void require(boolean condition, String what, Page page) {
        if (!condition) {
            throw new IllegalStateException(name + ": " + what + "; got " + page.status() + " " + page.location()
                    + " " + page.body().substring(0, Math.min(300, page.body().length())));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String unescape(String html) {
        return html.replace("&#039;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
