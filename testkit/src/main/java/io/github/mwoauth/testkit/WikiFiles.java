package io.github.mwoauth.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The published files of the wiki, by DB key ({@code Wire_probe_one.png}), each with its versions, newest first.
 * A version keeps what {@code imageinfo} reports (SHA-1, size, type, who, when), never the bytes.
 */
final class WikiFiles {

    /** One version of a file. */
    record Version(String sha1, long size, String mime, int width, int height, Instant timestamp, String user,
            long userId, String comment) {
    }

    /** Thrown when an overwrite's archive name (second-resolution timestamp) is already taken. */
    static final class ArchiveNameTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ArchiveNameTaken(String path) {
            super(path, null, false, false);
        }
    }

    private static final class File {
        final List<Version> versions = new ArrayList<>();
        long lastArchivedSecond = Long.MIN_VALUE;
    }

    private final Map<String, File> files = new ConcurrentHashMap<>();

    /** The versions of {@code dbKey}, newest first; empty when there is no such file. */
    List<Version> versions(String dbKey) {
        File f = files.get(dbKey);
        if (f == null) {
            return List.of();
        }
        synchronized (f) {
            return List.copyOf(f.versions);
        }
    }

    /** The names of files whose current version has {@code sha1}. */
    List<String> withCurrentSha1(String sha1) {
        List<String> out = new ArrayList<>();
        files.forEach((name, f) -> {
            synchronized (f) {
                if (!f.versions.isEmpty() && f.versions.get(0).sha1().equals(sha1)) {
                    out.add(name);
                }
            }
        });
        out.sort(null);
        return out;
    }

    /**
     * Adds a version; an overwrite archives the current one under {@code <timestamp>!<name>}, which fails as
     * {@code backend-fail-alreadyexists} does when another overwrite archived one in the same second.
     *
     * @return whether the file existed before
     */
    boolean publish(String dbKey, Version version) {
        File f = files.computeIfAbsent(dbKey, k -> new File());
        synchronized (f) {
            boolean existed = !f.versions.isEmpty();
            if (existed) {
                long second = version.timestamp().getEpochSecond();
                if (second == f.lastArchivedSecond) {
                    String hash = md5(dbKey);
                    throw new ArchiveNameTaken("mwstore://local-backend/local-public/archive/" + hash.charAt(0) + "/"
                            + hash.substring(0, 2) + "/" + Texts.mwTimestamp(version.timestamp()) + "!" + dbKey);
                }
                f.lastArchivedSecond = second;
            }
            f.versions.add(0, version);
            return existed;
        }
    }

    /** The {@code /images/x/xy/Name} path of a file, as {@code $wgHashedUploadDirectory} lays it out. */
    static String hashedPath(String dbKey) {
        String hash = md5(dbKey);
        return hash.charAt(0) + "/" + hash.substring(0, 2) + "/" + dbKey;
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no MD5", e);
        }
    }

    static @Nullable Version current(List<Version> versions) {
        return versions.isEmpty() ? null : versions.get(0);
    }
}
