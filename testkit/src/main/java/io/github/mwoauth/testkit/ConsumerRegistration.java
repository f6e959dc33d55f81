package io.github.mwoauth.testkit;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to register as a consumer. Start from one of the factories and adjust with the {@code with*} copies.
 *
 * @param name the application name shown on the consent page, e.g. {@code Example Tool}
 * @param kind the consumer kind
 * @param callback the registered callback URL ({@code null} only for owner-only consumers)
 * @param grants the grants, e.g. {@code basic}, {@code editpage}, {@code highvolume}
 * @param owner the user an owner-only consumer acts as ({@code null} for the other kinds)
 * @param key a fixed consumer key (32 hex), or {@code null} for a random one
 * @param secret a fixed consumer secret (at least 32 characters), or {@code null} for a random 40-hex one
 */
public record ConsumerRegistration(String name, ConsumerKind kind, @Nullable String callback, List<String> grants,
        @Nullable String owner, @Nullable String key, @Nullable String secret) {

    /** The grants a consumer gets unless told otherwise. */
    public static final List<String> DEFAULT_GRANTS = List.of("basic", "editpage", "highvolume");

    public ConsumerRegistration {
        Objects.requireNonNull(name, "name cannot be null");
        Objects.requireNonNull(kind, "kind cannot be null");
        grants = List.copyOf(grants);
        if (kind == ConsumerKind.OWNER_ONLY && owner == null) {
            throw new IllegalArgumentException("an owner-only consumer needs an owner");
        }
        if (kind != ConsumerKind.OWNER_ONLY && callback == null) {
            throw new IllegalArgumentException("a " + kind + " consumer needs a callback");
        }
        if (secret != null && secret.length() < 32) {
            throw new IllegalArgumentException("secret must be at least 32 characters (HS256 key)");
        }
    }

    /** A consumer whose registered callback is a prefix of acceptable callbacks. */
    public static ConsumerRegistration prefix(String name, String callback) {
        return new ConsumerRegistration(name, ConsumerKind.PREFIX, callback, DEFAULT_GRANTS, null, null, null);
    }

    /** A consumer that must send {@code oauth_callback=oob}. */
    public static ConsumerRegistration oob(String name, String callback) {
        return new ConsumerRegistration(name, ConsumerKind.OOB, callback, DEFAULT_GRANTS, null, null, null);
    }

    /** An identity-only consumer (grant {@code mwoauth-authonlyprivate}, callback is prefix). */
    public static ConsumerRegistration identityOnly(String name, String callback) {
        return new ConsumerRegistration(name, ConsumerKind.IDENTITY_ONLY, callback,
                List.of("mwoauth-authonlyprivate"), null, null, null);
    }

    /** An owner-only consumer acting as {@code owner}. */
    public static ConsumerRegistration ownerOnly(String name, String owner) {
        return new ConsumerRegistration(name, ConsumerKind.OWNER_ONLY, null, DEFAULT_GRANTS, owner, null, null);
    }

    public ConsumerRegistration withGrants(String... newGrants) {
        return new ConsumerRegistration(name, kind, callback, List.of(newGrants), owner, key, secret);
    }

    /** Fixed credentials instead of random ones (handy for a sample app's configuration). */
    public ConsumerRegistration withCredentials(String newKey, String newSecret) {
        return new ConsumerRegistration(name, kind, callback, grants, owner, newKey, newSecret);
    }

    @Override
    public String toString() {
        return "ConsumerRegistration[name=" + name + ", kind=" + kind + ", callback=" + callback + ", grants="
                + grants + ", owner=" + owner + ", key=" + key + ", secret=<hidden>]";
    }
}
