package io.github.mwoauth.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Everything the emulated wiki remembers: consumers, users, request tokens (object cache, 600 s), accepted
 * grants (access tokens), nonces and pages. Thread-safe; no operation does I/O.
 */
final class WikiState {

    static final Duration REQUEST_TOKEN_LIFETIME = Duration.ofSeconds(600);
    static final long TIMESTAMP_THRESHOLD = 300;

    /**
     * A request token in the object cache. Its entry lives 600 s from initiate and is saved again, for another
     * 600 s, when the user presses Allow and when it is exchanged (then as "used", which answers E009 until it
     * expires). The consumer key is a separate cache entry that keeps its first 600 s.
     */
    static final class RequestToken {
        final String key;
        final String secret;
        final String consumerKey;
        final String callback;
        final Instant created;
        volatile Instant expires;
        @Nullable String verifier;
        @Nullable String user;
        /** The access token of the grant saved when the user pressed Allow. */
        @Nullable String accessKey;
        volatile boolean used;

        RequestToken(String key, String secret, String consumerKey, String callback, Instant created) {
            this.key = key;
            this.secret = secret;
            this.consumerKey = consumerKey;
            this.callback = callback;
            this.created = created;
            this.expires = created.plus(REQUEST_TOKEN_LIFETIME);
        }
    }

    /** A row of {@code oauth_accepted_consumer}: a user's grant to a consumer, with the access token. */
    record Acceptance(long id, String user, String consumerKey, String token, String secret) {
    }

    /** A user and what changes as they edit. */
    static final class UserState {
        final WikiUser base;
        final String csrfToken;
        private final List<Contribution> contributions;
        private long editCount;

        UserState(WikiUser base) {
            this.base = base;
            this.csrfToken = Texts.randomHex(32) + "+\\";
            this.contributions = new ArrayList<>(base.contributions());
            this.contributions.sort(NEWEST_FIRST);
            this.editCount = base.editCount();
        }

        synchronized void addContribution(Contribution c) {
            contributions.add(0, c);
            editCount++;
        }

        synchronized List<Contribution> contributions() {
            return List.copyOf(contributions);
        }

        synchronized long editCount() {
            return editCount;
        }

        synchronized WikiUser snapshot() {
            return base.toBuilder().contributions(contributions).editCount(editCount).build();
        }
    }

    /** A wiki page: its latest revision. */
    record Page(long pageId, String title, String text, long revid, Instant touched) {
    }

    static final Comparator<Contribution> NEWEST_FIRST = Comparator.comparing(Contribution::timestamp)
            .thenComparingLong(Contribution::revid).reversed();

    final Clock clock;
    private final Map<String, Consumer> consumers = new ConcurrentHashMap<>();
    private final Map<String, UserState> users = new ConcurrentHashMap<>();
    private final Map<String, RequestToken> requestTokens = new ConcurrentHashMap<>();
    private final Map<String, Acceptance> acceptancesByToken = new ConcurrentHashMap<>();
    private final Map<String, Acceptance> acceptancesByUserAndConsumer = new ConcurrentHashMap<>();
    private final Map<String, Long> nonces = new ConcurrentHashMap<>();
    /** The nonces in the order they came, each with its expiry: pruning reads from the head, never the whole map. */
    private final Queue<Nonce> nonceExpiries = new ConcurrentLinkedQueue<>();
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final AtomicLong nextUserId = new AtomicLong(1);
    private final AtomicLong nextRevid = new AtomicLong(1000);
    private final AtomicLong nextPageId = new AtomicLong(1);
    private final AtomicLong nextAcceptanceId = new AtomicLong(1);
    private volatile @Nullable String signedInUser;

    WikiState(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    // ---- users

    /** MediaWiki's title-case user name: first letter upper case, underscores as spaces. */
    static String canonicalUserName(String name) {
        String n = name.replace('_', ' ').strip();
        return n.isEmpty() ? n : n.substring(0, 1).toUpperCase(Locale.ROOT) + n.substring(1);
    }

    WikiUser registerUser(WikiUser user) {
        String name = canonicalUserName(user.name());
        WikiUser complete = new WikiUser(name, user.id() > 0 ? user.id() : nextUserId.getAndIncrement(),
                user.groups(), user.rights(), user.editCount(), user.emailConfirmed(),
                user.registered() != null ? user.registered() : now(), user.blocked(), user.contributions(),
                user.realName(), user.email());
        for (Contribution c : complete.contributions()) {
            nextRevid.accumulateAndGet(c.revid() + 1, Math::max);
        }
        if (users.putIfAbsent(name, new UserState(complete)) != null) {
            throw new IllegalArgumentException("user already registered: " + name);
        }
        nextUserId.accumulateAndGet(complete.id() + 1, Math::max);
        return complete;
    }

    @Nullable UserState user(@Nullable String name) {
        return name == null ? null : users.get(canonicalUserName(name));
    }

    UserState requireUser(String name) {
        UserState u = user(name);
        if (u == null) {
            throw new IllegalArgumentException("no such user: " + name);
        }
        return u;
    }

    void signIn(@Nullable String name) {
        if (name != null) {
            requireUser(name);
        }
        signedInUser = name == null ? null : canonicalUserName(name);
    }

    @Nullable String signedInUser() {
        return signedInUser;
    }

    // ---- consumers

    Consumer registerConsumer(ConsumerRegistration r) {
        String key = r.key() != null ? r.key() : Texts.randomHex(32);
        String secret = r.secret() != null ? r.secret() : Texts.randomHex(40);
        String ownerToken = null;
        String ownerSecret = null;
        if (r.kind() == ConsumerKind.OWNER_ONLY) {
            requireUser(r.owner());
            ownerToken = Texts.randomHex(32);
            ownerSecret = Texts.randomHex(40);
        }
        Consumer consumer = new Consumer(r.name(), r.kind(), key, secret, r.callback(), r.grants(), ownerToken,
                ownerSecret);
        if (consumers.putIfAbsent(key, consumer) != null) {
            throw new IllegalArgumentException("consumer key already registered: " + key);
        }
        if (ownerToken != null && ownerSecret != null && r.owner() != null) {
            store(new Acceptance(nextAcceptanceId.getAndIncrement(), canonicalUserName(r.owner()), key,
                    ownerToken, ownerSecret));
        }
        return consumer;
    }

    @Nullable Consumer consumer(@Nullable String key) {
        return key == null ? null : consumers.get(key);
    }

    // ---- request tokens

    RequestToken newRequestToken(Consumer consumer, String callback) {
        RequestToken t = new RequestToken(Texts.randomHex(32), Texts.randomHex(32), consumer.key(), callback, now());
        requestTokens.put(t.key, t);
        return t;
    }

    /**
     * A request token still in the cache (saved less than 600 s ago), used ones included, or {@code null}.
     */
    @Nullable RequestToken requestToken(@Nullable String key) {
        if (key == null) {
            return null;
        }
        RequestToken t = requestTokens.get(key);
        if (t == null) {
            return null;
        }
        Instant now = now();
        if (!now.isBefore(t.expires)) {
            if (!now.isBefore(t.created.plus(REQUEST_TOKEN_LIFETIME))) {
                requestTokens.remove(key, t);
            }
            return null;
        }
        return t;
    }

    /** The consumer key cached for a request token at initiate (600 s), or {@code null}. */
    @Nullable String consumerKeyOf(@Nullable String requestToken) {
        RequestToken t = requestToken == null ? null : requestTokens.get(requestToken);
        return t == null || !now().isBefore(t.created.plus(REQUEST_TOKEN_LIFETIME)) ? null : t.consumerKey;
    }

    /**
     * Records the user's Allow as {@code OAuth1Consumer::authorize} does: a new verifier, the user's grant saved
     * (an existing one kept, so its access token too), the request token saved again for 600 s. Answers the
     * verifier and where the browser goes. Throws E009 for a token exchanged already.
     */
    Approval approve(RequestToken t, String userName) {
        Consumer consumer = consumers.get(t.consumerKey);
        if (consumer == null) {
            throw new IllegalStateException("consumer vanished: " + t.consumerKey);
        }
        String verifier = Texts.randomHex(32);
        String user = canonicalUserName(userName);
        synchronized (t) {
            if (t.used) {
                throw OAuthProblem.requestTokenUsed();
            }
            t.verifier = verifier;
            t.user = user;
            t.accessKey = acceptanceFor(user, t.consumerKey).token();
            t.expires = now().plus(REQUEST_TOKEN_LIFETIME);
        }
        String base = t.callback.equals("oob") ? String.valueOf(consumer.callback()) : t.callback;
        String url = base + (base.contains("?") ? "&" : "?") + "oauth_verifier=" + verifier + "&oauth_token="
                + t.key;
        return new Approval(t.key, verifier, url);
    }

    /**
     * Exchanges an allowed request token for the access token of the grant saved at Allow, and keeps the
     * request token as used for 600 s. A token nobody allowed, or no verifier, is {@code bad-token}; a wrong
     * verifier leaves the token as it was.
     */
    Acceptance exchange(RequestToken t, @Nullable String verifier) {
        synchronized (t) {
            if (t.used) {
                throw OAuthProblem.requestTokenUsed();
            }
            if (t.verifier == null || t.accessKey == null || verifier == null) {
                throw OAuthProblem.badToken();
            }
            if (!t.verifier.equals(verifier)) {
                throw OAuthProblem.message("mwoauthdatastore-bad-verifier",
                        "The verification code provided was not valid.");
            }
            Acceptance acceptance = acceptanceByToken(t.accessKey);
            if (acceptance == null) {
                throw OAuthProblem.accessTokenNotFound();
            }
            t.used = true;
            t.expires = now().plus(REQUEST_TOKEN_LIFETIME);
            return acceptance;
        }
    }

    // ---- accepted grants

    /** A fresh id in {@code oauth_accepted_consumer}, which OAuth 1.0a and OAuth 2.0 grants share. */
    long newAcceptanceId() {
        return nextAcceptanceId.getAndIncrement();
    }

    synchronized Acceptance acceptanceFor(String user, String consumerKey) {
        Acceptance existing = acceptancesByUserAndConsumer.get(userConsumer(user, consumerKey));
        if (existing != null) {
            return existing;
        }
        Acceptance created = new Acceptance(nextAcceptanceId.getAndIncrement(), user, consumerKey,
                Texts.randomHex(32), Texts.randomHex(40));
        store(created);
        return created;
    }

    private void store(Acceptance a) {
        acceptancesByToken.put(a.token(), a);
        acceptancesByUserAndConsumer.put(userConsumer(a.user(), a.consumerKey()), a);
    }

    @Nullable Acceptance acceptance(String user, String consumerKey) {
        return acceptancesByUserAndConsumer.get(userConsumer(canonicalUserName(user), consumerKey));
    }

    @Nullable Acceptance acceptanceByToken(@Nullable String token) {
        return token == null ? null : acceptancesByToken.get(token);
    }

    synchronized boolean revoke(String user, String consumerKey) {
        Acceptance a = acceptancesByUserAndConsumer.remove(userConsumer(canonicalUserName(user), consumerKey));
        if (a == null) {
            return false;
        }
        acceptancesByToken.remove(a.token());
        return true;
    }

    /** The user's accepted grants, oldest first. */
    List<Acceptance> acceptances(String user) {
        String name = canonicalUserName(user);
        return acceptancesByUserAndConsumer.values().stream().filter(a -> a.user().equals(name))
                .sorted(Comparator.comparingLong(Acceptance::id)).toList();
    }

    private static String userConsumer(String user, String consumerKey) {
        return user + '\u0000' + consumerKey;
    }

    // ---- nonces

    /** Remembers a nonce per consumer and token until timestamp + 300 s; {@code false} if already seen. */
    boolean useNonce(String consumerKey, @Nullable String token, String nonce, long timestamp) {
        long nowSeconds = now().getEpochSecond();
        // the expired nonces at the head of the arrival order: a few per call, where a scan of the whole map would
        // visit every nonce inside the window (over a million at 5,000 signed requests a second). A nonce that
        // arrived behind one expiring later waits for it; it is refused by its timestamp before it is looked up.
        for (Nonce head = nonceExpiries.peek(); head != null && head.expiry < nowSeconds;
                head = nonceExpiries.peek()) {
            if (nonceExpiries.remove(head)) {
                nonces.remove(head.key, head.expiry);
            }
        }
        String key = consumerKey + '\u0000' + (token == null ? "" : token) + '\u0000' + nonce;
        long expiry = timestamp + TIMESTAMP_THRESHOLD;
        if (nonces.putIfAbsent(key, expiry) != null) {
            return false;
        }
        nonceExpiries.add(new Nonce(key, expiry));
        return true;
    }

    private record Nonce(String key, long expiry) {
    }

    /**
     * How many nonces are remembered: the ones whose timestamp is inside the window, and expired ones waiting behind
     * one that came before them and expires later.
     */
    int rememberedNonces() {
        return nonces.size();
    }

    // ---- pages and edits

    static String canonicalTitle(String title) {
        return canonicalUserName(title);
    }

    Page putPage(String title, String text) {
        String t = canonicalTitle(title);
        return pages.compute(t, (k, old) -> new Page(old == null ? nextPageId.getAndIncrement() : old.pageId(), k,
                text, nextRevid.getAndIncrement(), now()));
    }

    @Nullable Page page(String title) {
        return pages.get(canonicalTitle(title));
    }

    long nextRevid() {
        return nextRevid.getAndIncrement();
    }

    /** Saves an edit as {@code user} ({@code null} for an anonymous edit) and records the contribution. */
    synchronized Page edit(@Nullable UserState user, String title, String text, String summary) {
        String t = canonicalTitle(title);
        Page old = pages.get(t);
        Page page = new Page(old == null ? nextPageId.getAndIncrement() : old.pageId(), t, text, nextRevid(),
                now());
        pages.put(t, page);
        if (user != null) {
            user.addContribution(new Contribution(t, page.revid(), page.touched(), summary));
        }
        return page;
    }

    void clearTokens() {
        requestTokens.clear();
        nonces.clear();
    }
}
