package io.github.mwoauth;

import io.github.mwoauth.http.PercentEncoding;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a wiki's scripts live. Built from the script path ({@code https://meta.wikimedia.org/w}), which gives
 * {@code index.php}, {@code api.php} and {@code rest.php}; each can be overridden. Immutable: the
 * {@code with*} methods return a copy.
 */
public final class MediaWikiEndpoints {

    private final URI indexPhp;
    private final URI apiPhp;
    private final URI restPhp;

    private MediaWikiEndpoints(URI indexPhp, URI apiPhp, URI restPhp) {
        this.indexPhp = checkAbsolute(indexPhp, "index.php");
        this.apiPhp = checkAbsolute(apiPhp, "api.php");
        this.restPhp = checkAbsolute(restPhp, "rest.php");
    }

    /** The endpoints of the wiki whose script path is {@code scriptPath}, e.g. {@code https://meta.wikimedia.org/w}. */
    public static MediaWikiEndpoints of(String scriptPath) {
        Objects.requireNonNull(scriptPath, "scriptPath cannot be null");
        String base = scriptPath.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.endsWith("/index.php") || base.endsWith("/api.php")) {
            base = base.substring(0, base.lastIndexOf('/'));
        }
        return new MediaWikiEndpoints(URI.create(base + "/index.php"), URI.create(base + "/api.php"),
                URI.create(base + "/rest.php"));
    }

    public MediaWikiEndpoints withIndexPhp(URI indexPhp) {
        return new MediaWikiEndpoints(indexPhp, apiPhp, restPhp);
    }

    public MediaWikiEndpoints withApiPhp(URI apiPhp) {
        return new MediaWikiEndpoints(indexPhp, apiPhp, restPhp);
    }

    public MediaWikiEndpoints withRestPhp(URI restPhp) {
        return new MediaWikiEndpoints(indexPhp, apiPhp, restPhp);
    }

    public URI indexPhp() {
        return indexPhp;
    }

    public URI apiPhp() {
        return apiPhp;
    }

    public URI restPhp() {
        return restPhp;
    }

    /**
     * The wiki's server origin ({@code https://meta.wikimedia.org}), which identify JWTs carry as {@code iss}.
     */
    public String server() {
        return origin(indexPhp);
    }

    /** {@code index.php?title=Special%3AOAuth%2F<step>}, the form python-mwoauth uses and the wiki signs. */
    public URI specialOAuth(String step) {
        return URI.create(indexPhp + "?title=" + PercentEncoding.encode("Special:OAuth/" + step));
    }

    /** The page a user is sent to for consent: {@code Special:OAuth/authorize?oauth_token=..&oauth_consumer_key=..}. */
    public URI authorize(String requestToken, String consumerKey) {
        return URI.create(indexPhp + "?title=" + PercentEncoding.encode("Special:OAuth/authorize")
                + "&oauth_token=" + PercentEncoding.encode(requestToken)
                + "&oauth_consumer_key=" + PercentEncoding.encode(consumerKey));
    }

    /** {@code scheme://host[:port]} of a URI, lower-cased, default ports dropped. */
    static String origin(URI uri) {
        String scheme = Objects.requireNonNull(uri.getScheme()).toLowerCase(Locale.ROOT);
        String host = Objects.requireNonNull(uri.getHost()).toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (port == 80 && scheme.equals("http"))
                || (port == 443 && scheme.equals("https"));
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    private static URI checkAbsolute(URI uri, String what) {
        Objects.requireNonNull(uri, what + " cannot be null");
        String scheme = uri.getScheme();
        if (!uri.isAbsolute() || uri.getHost() == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException(what + " must be an absolute http(s) URL: " + uri);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(what + " must have no query or fragment: " + uri);
        }
        return uri;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof MediaWikiEndpoints other && indexPhp.equals(other.indexPhp)
                && apiPhp.equals(other.apiPhp) && restPhp.equals(other.restPhp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(indexPhp, apiPhp, restPhp);
    }

    @Override
    public String toString() {
        return "MediaWikiEndpoints[index.php=" + indexPhp + ", api.php=" + apiPhp + ", rest.php=" + restPhp + "]";
    }
}
