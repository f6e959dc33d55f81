package io.github.mwoauth.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A wiki account. Build with {@link #named(String)}; unset values get MediaWiki-like defaults, the id and
 * registration time are filled in by {@link LocalWiki#registerUser(WikiUser)} when left at 0 / null.
 */
public record WikiUser(String name, long id, List<String> groups, List<String> rights, long editCount,
        boolean emailConfirmed, @Nullable Instant registered, boolean blocked, List<Contribution> contributions,
        String realName, String email) {

    /** The groups of an ordinary registered user. */
    public static final List<String> DEFAULT_GROUPS = List.of("*", "user", "autoconfirmed");

    /** The rights of an ordinary autoconfirmed user (a representative subset of MediaWiki's). */
    public static final List<String> DEFAULT_RIGHTS = List.of("createaccount", "read", "edit", "createpage",
            "createtalk", "writeapi", "viewmywatchlist", "editmywatchlist", "viewmyprivateinfo",
            "editmyprivateinfo", "editmyoptions", "minoredit", "applychangetags", "changetags", "move", "upload",
            "move-subpages", "move-rootuserpages", "purge", "sendemail", "autoconfirmed", "editsemiprotected",
            "skipcaptcha", "reupload", "reupload-own");

    public WikiUser {
        Objects.requireNonNull(name, "name cannot be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name cannot be blank");
        }
        groups = List.copyOf(groups);
        rights = List.copyOf(rights);
        contributions = List.copyOf(contributions);
        Objects.requireNonNull(realName, "realName cannot be null");
        Objects.requireNonNull(email, "email cannot be null");
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name).id(id).groups(groups).rights(rights).editCount(editCount)
                .emailConfirmed(emailConfirmed).blocked(blocked).contributions(contributions).realName(realName)
                .email(email);
        if (registered != null) {
            b.registered(registered);
        }
        return b;
    }

    /** A mutable builder; {@link #build()} makes the immutable value. */
    public static final class Builder {
        private final String name;
        private long id;
        private List<String> groups = DEFAULT_GROUPS;
        private List<String> rights = DEFAULT_RIGHTS;
        private long editCount = -1;
        private boolean emailConfirmed;
        private @Nullable Instant registered;
        private boolean blocked;
        private List<Contribution> contributions = new ArrayList<>();
        private String realName = "";
        private String email = "";

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name cannot be null");
        }

        public Builder id(long value) {
            this.id = value;
            return this;
        }

        public Builder groups(List<String> value) {
            this.groups = List.copyOf(value);
            return this;
        }

        public Builder rights(List<String> value) {
            this.rights = List.copyOf(value);
            return this;
        }

        /** The edit count; defaults to the number of contributions. */
        public Builder editCount(long value) {
            this.editCount = value;
            return this;
        }

        public Builder emailConfirmed(boolean value) {
            this.emailConfirmed = value;
            return this;
        }

        public Builder registered(Instant value) {
            this.registered = Objects.requireNonNull(value, "registered cannot be null");
            return this;
        }

        public Builder blocked(boolean value) {
            this.blocked = value;
            return this;
        }

        public Builder contributions(List<Contribution> value) {
            this.contributions = new ArrayList<>(value);
            return this;
        }

        public Builder contribution(String title, long revid, Instant timestamp, String comment) {
            this.contributions.add(new Contribution(title, revid, timestamp, comment));
            return this;
        }

        public Builder realName(String value) {
            this.realName = value;
            return this;
        }

        public Builder email(String value) {
            this.email = value;
            return this;
        }

        public WikiUser build() {
            return new WikiUser(name, id, groups, rights, editCount < 0 ? contributions.size() : editCount,
                    emailConfirmed, registered, blocked, contributions, realName, email);
        }
    }
}
