package io.github.mwoauth;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who a user is, as the wiki's identify step told it in a verified JWT.
 *
 * @param sub the central user id, a string
 * @param username the user name; {@code null} for a hidden user
 * @param groups user groups ({@code *}, {@code user}, ...)
 * @param rights user rights (not narrowed by the grants)
 * @param grants the grants the user gave this consumer
 * @param editCount the edit count
 * @param blocked whether the user is blocked
 * @param confirmedEmail whether the user confirmed an e-mail address
 * @param registered when the account was created, if known
 * @param realName the real name, only for consumers with the {@code mwoauth-authonlyprivate} grant
 * @param email the e-mail address, only for consumers with the {@code mwoauth-authonlyprivate} grant
 * @param claims every claim of the JWT, as decoded
 */
public record MediaWikiIdentity(String sub, @Nullable String username, List<String> groups, List<String> rights,
        List<String> grants, long editCount, boolean blocked, boolean confirmedEmail, @Nullable Instant registered,
        @Nullable String realName, @Nullable String email, Map<String, Object> claims) {

    private static final DateTimeFormatter MW_TIMESTAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    public MediaWikiIdentity {
        Objects.requireNonNull(sub, "sub cannot be null");
        groups = List.copyOf(groups);
        rights = List.copyOf(rights);
        grants = List.copyOf(grants);
        claims = Map.copyOf(claims);
    }

    /**
     * A registration time as MediaWiki writes it in identities ({@code 20240131235959}, UTC); {@code null} when
     * {@code value} is not such a timestamp.
     */
    public static @Nullable Instant registeredAt(@Nullable Object value) {
        if (!(value instanceof String s) || s.length() != 14) {
            return null;
        }
        try {
            return LocalDateTime.parse(s, MW_TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The user name, or the {@code sub} for a hidden user. */
    public String displayName() {
        String name = username;
        return name != null ? name : "#" + sub;
    }

    @Override
    public String toString() {
        return "MediaWikiIdentity[sub=" + sub + ", username=" + username + ", groups=" + groups + ", grants="
                + grants + "]";
    }
}
