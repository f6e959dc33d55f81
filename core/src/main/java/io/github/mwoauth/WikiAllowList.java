package io.github.mwoauth;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The wikis {@link ReactiveMediaWikiClient#request(java.util.Map, URI)} may sign requests for. A URL that
 * comes from user input must not turn an application into a signing proxy for arbitrary hosts, so the
 * default allows the login wiki only; {@link #wikimedia()} allows the Wikimedia family over HTTPS.
 */
public final class WikiAllowList {

    private static final List<String> WIKIMEDIA_DOMAINS = List.of("wikipedia.org", "wikimedia.org", "wiktionary.org",
            "wikibooks.org", "wikinews.org", "wikiquote.org", "wikisource.org", "wikiversity.org", "wikivoyage.org",
            "wikidata.org", "mediawiki.org", "wikifunctions.org");

    private final String description;
    private final Predicate<URI> allowed;

    private WikiAllowList(String description, Predicate<URI> allowed) {
        this.description = description;
        this.allowed = allowed;
    }

    /**
     * Exactly these origins ({@code https://en.wikipedia.org}, {@code http://127.0.0.1:8080}); a path is ignored.
     *
     * @throws IllegalArgumentException if one is not an absolute http(s) URL
     */
    public static WikiAllowList origins(String... origins) {
        Set<String> set = java.util.Arrays.stream(origins).map(WikiAllowList::origin)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        return new WikiAllowList("origins " + set, uri -> set.contains(MediaWikiEndpoints.origin(uri)));
    }

    /**
     * A list from configuration: each entry is {@code wikimedia} (see {@link #wikimedia()}) or an origin (see
     * {@link #origins(String...)}), e.g. {@code mediawiki.oauth.api.allowed-wikis=wikimedia,https://wiki.example.org}.
     *
     * @throws IllegalArgumentException if the list is empty or an entry is neither
     */
    public static WikiAllowList of(List<String> entries) {
        Objects.requireNonNull(entries, "entries cannot be null");
        WikiAllowList result = null;
        for (String entry : entries) {
            String e = Objects.requireNonNull(entry, "entries cannot be null").strip();
            WikiAllowList next = e.equalsIgnoreCase("wikimedia") ? wikimedia() : origins(e);
            result = result == null ? next : result.or(next);
        }
        if (result == null) {
            throw new IllegalArgumentException("the list of allowed wikis is empty");
        }
        return result;
    }

    private static String origin(String text) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a wiki origin: " + text, e);
        }
        String scheme = uri.getScheme();
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null
                || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("not a wiki origin (want e.g. https://en.wikipedia.org or "
                    + "wikimedia): " + text);
        }
        return MediaWikiEndpoints.origin(uri);
    }

    /** Every wiki of the Wikimedia family ({@code *.wikipedia.org}, {@code www.wikidata.org}, ...), HTTPS only. */
    public static WikiAllowList wikimedia() {
        return new WikiAllowList("the Wikimedia family", uri -> {
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getPort() != -1 && uri.getPort() != 443) {
                return false;
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            return WIKIMEDIA_DOMAINS.stream().anyMatch(d -> host.equals(d) || host.endsWith("." + d));
        });
    }

    /** Any wiki whatsoever. Only for clients whose URLs never come from users. */
    public static WikiAllowList any() {
        return new WikiAllowList("any wiki", uri -> true);
    }

    /** This list and the other one. */
    public WikiAllowList or(WikiAllowList other) {
        Objects.requireNonNull(other, "other cannot be null");
        return new WikiAllowList(description + " or " + other.description,
                uri -> allowed.test(uri) || other.allowed.test(uri));
    }

    /** Whether requests to {@code apiUrl} may be signed. */
    public boolean allows(URI apiUrl) {
        String scheme = apiUrl.getScheme();
        return apiUrl.isAbsolute() && apiUrl.getHost() != null && apiUrl.getRawUserInfo() == null
                && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && allowed.test(apiUrl);
    }

    @Override
    public String toString() {
        return "WikiAllowList[" + description + "]";
    }
}
