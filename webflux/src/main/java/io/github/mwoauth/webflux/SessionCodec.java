package io.github.mwoauth.webflux;

import io.github.mwoauth.MediaWikiIdentity;
import io.github.mwoauth.login.AuthorizedUser;
import io.github.mwoauth.login.MediaWikiLogin;
import io.github.mwoauth.login.PendingLogin;
import io.github.mwoauth.login.UserCredentials;
import io.github.mwoauth.support.Json;
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
 * The compact text forms of what the session holds, before sealing: the user (credentials and identity
 * together, one attribute) and the pending logins. The identity keeps sub, user name,
 * groups, grants, edit count, blocked, confirmed e-mail, registration time and (private-info consumers only)
 * real name and e-mail; it drops the rights list and the raw claims, which alone would exceed the session's
 * size budget. Malformed input decodes as empty.
 */
final class SessionCodec {

    private static final JsonMapper JSON = Json.MAPPER;

    private SessionCodec() {
    }

    /**
     * The user: the credentials as the login writes them (one line), then a newline and the identity once known.
     */
    static String user(String credentials, @Nullable MediaWikiIdentity identity) {
        return identity == null ? credentials : credentials + '\n' + identity(identity);
    }

    /** The user, the credentials read back by {@code login}. */
    static Optional<AuthorizedUser> user(String text, MediaWikiLogin login) {
        int newline = text.indexOf('\n');
        Optional<UserCredentials> credentials = login.readCredentials(newline == -1 ? text : text.substring(0, newline));
        if (credentials.isEmpty()) {
            return Optional.empty();
        }
        if (newline == -1) {
            return Optional.of(new AuthorizedUser(credentials.get(), null));
        }
        return identity(text.substring(newline + 1)).map(identity -> new AuthorizedUser(credentials.get(), identity));
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

    static String pending(List<PendingLogin> entries) {
        ArrayNode array = JSON.createArrayNode();
        for (PendingLogin p : entries) {
            ObjectNode node = array.addObject();
            node.put("k", p.key());
            node.put("s", p.secret());
            node.put("n", p.next());
            node.put("c", p.createdAt().getEpochSecond());
        }
        return array.toString();
    }

    static List<PendingLogin> pending(String text) {
        return decode(text, array -> {
            List<PendingLogin> entries = new ArrayList<>();
            for (JsonNode node : array.isArray() ? array : JSON.createArrayNode()) {
                entries.add(new PendingLogin(node.required("k").asString(), node.required("s").asString(),
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
