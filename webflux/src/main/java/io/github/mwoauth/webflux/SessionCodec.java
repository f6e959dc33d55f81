package io.github.mwoauth.webflux;

import io.github.mwoauth.AccessToken;
import io.github.mwoauth.AuthorizedUser;
import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.OAuth2Tokens;
import io.github.mwoauth.RequestToken;
import io.github.mwoauth.UserCredentials;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The compact text forms of what the session holds, before sealing: the user (access token and identity
 * together, one attribute) and the pending logins. The identity keeps sub, user name,
 * groups, grants, edit count, blocked, confirmed e-mail, registration time and (private-info consumers only)
 * real name and e-mail; it drops the rights list and the raw claims, which alone would exceed the session's
 * size budget. Malformed input decodes as empty.
 */
final class SessionCodec {

    private static final JsonMapper JSON = WarmJsonMapper.INSTANCE;

    private SessionCodec() {
    }

    /**
     * The user: the credentials (OAuth 1.0a {@code <token key> <token secret>}; OAuth 2.0
     * {@code <access token> <refresh token or -> <expiry, epoch seconds, or ->}), then a newline and the identity
     * once known. MediaWiki's tokens are hex, base64url or JWTs, so neither a space nor a newline occurs in them.
     */
    static String user(UserCredentials credentials, @Nullable MediaWikiIdentity identity) {
        String first = credentials instanceof OAuth2Tokens tokens ? oauth2Tokens(tokens)
                : accessToken((AccessToken) credentials);
        return identity == null ? first : first + '\n' + identity(identity);
    }

    static Optional<AuthorizedUser> user(String text) {
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline);
        Optional<UserCredentials> token = first.chars().filter(c -> c == ' ').count() == 2
                ? oauth2Tokens(first).map(UserCredentials.class::cast)
                : accessToken(first).map(UserCredentials.class::cast);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        if (newline < 0) {
            return Optional.of(new AuthorizedUser(token.get(), null));
        }
        return identity(text.substring(newline + 1)).map(identity -> new AuthorizedUser(token.get(), identity));
    }

    static String accessToken(AccessToken token) {
        return token.key() + ' ' + token.secret();
    }

    static Optional<AccessToken> accessToken(String text) {
        int space = text.indexOf(' ');
        if (space <= 0 || space != text.lastIndexOf(' ') || text.indexOf('\n') >= 0) {
            return Optional.empty();
        }
        return Optional.of(new AccessToken(text.substring(0, space), text.substring(space + 1)));
    }

    static String oauth2Tokens(OAuth2Tokens tokens) {
        String refresh = tokens.refreshToken();
        Instant expiresAt = tokens.expiresAt();
        return tokens.accessToken() + ' ' + (refresh == null ? "-" : refresh) + ' '
                + (expiresAt.equals(Instant.MAX) ? "-" : Long.toString(expiresAt.getEpochSecond()));
    }

    static Optional<OAuth2Tokens> oauth2Tokens(String text) {
        String[] parts = text.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OAuth2Tokens(parts[0], parts[1].equals("-") ? null : parts[1],
                    parts[2].equals("-") ? Instant.MAX : Instant.ofEpochSecond(Long.parseLong(parts[2]))));
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }

    static String identity(MediaWikiIdentity identity) {
        ObjectNode node = JSON.createObjectNode();
        node.put("sub", identity.sub());
        putIfPresent(node, "u", identity.username());
        strings(node.putArray("g"), identity.groups());
        strings(node.putArray("gr"), identity.grants());
        node.put("e", identity.editCount());
        if (identity.blocked()) {
            node.put("b", true);
        }
        if (identity.confirmedEmail()) {
            node.put("ce", true);
        }
        Instant registered = identity.registered();
        if (registered != null) {
            node.put("r", registered.getEpochSecond());
        }
        putIfPresent(node, "rn", identity.realName());
        putIfPresent(node, "em", identity.email());
        return node.toString();
    }

    static Optional<MediaWikiIdentity> identity(String text) {
        return decode(text, node -> new MediaWikiIdentity(node.required("sub").asString(), text(node, "u"),
                strings(node.path("g")), List.of(), strings(node.path("gr")), node.path("e").asLong(),
                node.path("b").asBoolean(), node.path("ce").asBoolean(),
                node.has("r") ? Instant.ofEpochSecond(node.get("r").asLong()) : null, text(node, "rn"),
                text(node, "em"), Map.of()));
    }

    static String pending(List<PendingHandshake> entries) {
        ArrayNode array = JSON.createArrayNode();
        for (PendingHandshake p : entries) {
            ObjectNode node = array.addObject();
            node.put("t", p.requestToken().key());
            node.put("s", p.requestToken().secret());
            node.put("n", p.next());
            node.put("c", p.createdAt().getEpochSecond());
        }
        return array.toString();
    }

    static List<PendingHandshake> pending(String text) {
        return decode(text, array -> {
            List<PendingHandshake> entries = new ArrayList<>();
            if (!array.isArray()) {
                return entries;
            }
            for (JsonNode node : array) {
                entries.add(new PendingHandshake(
                        new RequestToken(node.required("t").asString(), node.required("s").asString()),
                        node.required("n").asString(), Instant.ofEpochSecond(node.required("c").asLong())));
            }
            return entries;
        }).orElseGet(List::of);
    }

    static String pendingOAuth2(List<PendingOAuth2Login> entries) {
        ArrayNode array = JSON.createArrayNode();
        for (PendingOAuth2Login p : entries) {
            ObjectNode node = array.addObject();
            node.put("s", p.state());
            node.put("v", p.codeVerifier());
            node.put("n", p.next());
            node.put("c", p.createdAt().getEpochSecond());
        }
        return array.toString();
    }

    static List<PendingOAuth2Login> pendingOAuth2(String text) {
        return decode(text, array -> {
            List<PendingOAuth2Login> entries = new ArrayList<>();
            for (JsonNode node : array.isArray() ? array : JSON.createArrayNode()) {
                entries.add(new PendingOAuth2Login(node.required("s").asString(), node.required("v").asString(),
                        node.required("n").asString(), Instant.ofEpochSecond(node.required("c").asLong())));
            }
            return entries;
        }).orElseGet(List::of);
    }

    /** Every failure (bad JSON, a missing field, an invalid value) decodes as empty. */
    private static <T> Optional<T> decode(String text, Function<JsonNode, T> reader) {
        try {
            return Optional.of(reader.apply(JSON.readTree(text)));
        } catch (JacksonException | IllegalArgumentException | NullPointerException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static void putIfPresent(ObjectNode node, String name, @Nullable String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private static @Nullable String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asString();
    }
}
