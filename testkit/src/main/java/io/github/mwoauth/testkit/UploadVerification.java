package io.github.mwoauth.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The wiki's checks of a file name and of a file's first bytes ({@code UploadBase}): the name as stored and
 * whether it was rewritten ({@code badfilename}), the errors of illegal, short, long and banned names, and the
 * type detected from the bytes, compared with the extension.
 */
final class UploadVerification {

    /** A file name as the wiki stores it. */
    record Name(String dbKey, String extension, boolean rewritten) {

        String title() {
            return "File:" + dbKey.replace('_', ' ');
        }
    }

    /** The type detected from the first bytes, and the image size when the header tells it. */
    record Detected(String mime, int width, int height) {

        String mediatype() {
            return switch (mime) {
                case "image/png", "image/gif", "image/jpeg", "image/webp" -> "BITMAP";
                case "image/svg+xml" -> "DRAWING";
                case "application/pdf" -> "OFFICE";
                case "video/webm" -> "VIDEO";
                case "application/ogg" -> "AUDIO";
                default -> "UNKNOWN";
            };
        }
    }

    private static final Map<String, String> MIME_BY_EXTENSION = Map.of("png", "image/png", "gif", "image/gif",
            "jpg", "image/jpeg", "jpeg", "image/jpeg", "webp", "image/webp", "svg", "image/svg+xml", "pdf",
            "application/pdf", "webm", "video/webm", "ogg", "application/ogg");
    private static final Map<String, String> EXTENSION_BY_MIME = Map.of("image/png", "png", "image/gif", "gif",
            "image/jpeg", "jpg", "image/webp", "webp", "image/svg+xml", "svg", "application/pdf", "pdf",
            "video/webm", "webm", "application/ogg", "ogg");
    /** {@code $wgProhibitedFileExtensions} (a subset). */
    private static final Set<String> PROHIBITED = Set.of("exe", "scr", "dll", "msi", "vbs", "bat", "com", "pif",
            "cmd", "vxd", "cpl", "php", "phtml", "shtml", "jhtml", "pl", "py", "cgi");
    private static final Set<String> BAD_MIME = Set.of("text/html", "application/x-php", "text/javascript");
    private static final Pattern ILLEGAL = Pattern.compile("~~~|%[0-9A-Fa-f]{2}|[\\x00-\\x1f\\x7f]");
    private static final Pattern REPLACED = Pattern.compile("[:/\\\\|#\\[\\]{}<>]");

    private UploadVerification() {
    }

    /**
     * The name for {@code desired}: {@code illegal-filename}, {@code filename-tooshort} and
     * {@code filename-toolong} as {@link UploadProblem}s; {@code detected} supplies a missing extension.
     */
    static Name name(String desired, @Nullable Detected detected) {
        if (desired.isBlank() || ILLEGAL.matcher(desired).find()) {
            throw new UploadProblem("illegal-filename", "The filename is not allowed.",
                    e -> e.put("filename", desired));
        }
        String filtered = REPLACED.matcher(desired).replaceAll("-").strip().replaceAll("[ _]+", "_");
        int dot = filtered.lastIndexOf('.');
        String extension = dot < 0 ? "" : filtered.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (dot == 0) {
            throw new UploadProblem("filename-tooshort", "The filename is too short.");
        }
        if (dot < 0) {
            String added = detected == null ? null : EXTENSION_BY_MIME.get(detected.mime());
            if (added == null) {
                throw new UploadProblem("filetype-missing", "The file is missing an extension.");
            }
            filtered = filtered + "." + added;
            extension = added;
        }
        String dbKey = filtered.substring(0, 1).toUpperCase(Locale.ROOT) + filtered.substring(1);
        if (dbKey.getBytes(StandardCharsets.UTF_8).length > 240) {
            throw new UploadProblem("filename-toolong", "Filenames may not be longer than 240 bytes.");
        }
        String comparable = desired.replace(' ', '_');
        comparable = comparable.substring(0, 1).toUpperCase(Locale.ROOT) + comparable.substring(1);
        return new Name(dbKey, extension, !dbKey.equals(comparable));
    }

    /** {@code filetype-banned} for an extension the wiki does not allow, or a prohibited inner one. */
    static void extension(Name name, List<String> allowed) {
        String[] parts = name.dbKey().toLowerCase(Locale.ROOT).split("\\.");
        List<String> prohibited = java.util.Arrays.stream(parts).skip(1).filter(PROHIBITED::contains).toList();
        String shown = prohibited.isEmpty() ? name.extension() : prohibited.get(0);
        if (allowed.contains(name.extension()) && prohibited.isEmpty()) {
            return;
        }
        throw new UploadProblem("filetype-banned", "\"." + shown + "\" is not a permitted file type. Permitted file "
                + "types are " + String.join(", ", allowed) + ".", e -> {
                    e.put("filetype", name.extension());
                    allowed.forEach(e.putArray("allowed")::add);
                    if (!prohibited.isEmpty()) {
                        prohibited.forEach(e.putArray("blacklisted")::add);
                    }
                });
    }

    /** {@code verification-error} when the bytes are dangerous or do not match the extension. */
    static void content(Name name, Detected detected) {
        String mime = detected.mime();
        if (mime.equals("application/x-msdownload")) {
            throw verification("Cannot upload this file because Internet Explorer would detect it as \"" + mime
                    + "\", which is a disallowed and potentially dangerous file type.", "filetype-bad-ie-mime", mime);
        }
        if (BAD_MIME.contains(mime)) {
            throw verification("Files of the MIME type \"" + mime + "\" are not allowed to be uploaded.",
                    "filetype-badmime", mime);
        }
        if (mime.equals("image/svg+xml+script")) {
            throw verification("This file contains HTML or script code that may be erroneously interpreted by a "
                    + "web browser.", "uploadscripted");
        }
        String expected = MIME_BY_EXTENSION.get(name.extension());
        if (expected != null && !expected.equals(mime)) {
            throw verification("File extension \"." + name.extension() + "\" does not match the detected MIME type "
                    + "of the file (" + mime + ").", "filetype-mime-mismatch", name.extension(), mime);
        }
    }

    private static UploadProblem verification(String info, String... details) {
        return new UploadProblem("verification-error", info, e -> List.of(details).forEach(e.putArray("details")::add));
    }

    /** The type of a file from its first bytes, as MediaWiki's MimeAnalyzer sees the common cases. */
    static Detected detect(byte[] b) {
        if (starts(b, 0x89, 'P', 'N', 'G')) {
            return new Detected("image/png", b.length >= 24 ? int32(b, 16) : 0, b.length >= 24 ? int32(b, 20) : 0);
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return new Detected("image/gif", b.length >= 10 ? (b[6] & 0xff) | (b[7] & 0xff) << 8 : 0,
                    b.length >= 10 ? (b[8] & 0xff) | (b[9] & 0xff) << 8 : 0);
        }
        if (starts(b, 0xff, 0xd8, 0xff)) {
            return new Detected("image/jpeg", 0, 0);
        }
        if (starts(b, '%', 'P', 'D', 'F')) {
            return new Detected("application/pdf", 0, 0);
        }
        if (b.length >= 12 && starts(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B') {
            return new Detected("image/webp", 0, 0);
        }
        if (starts(b, 'O', 'g', 'g', 'S')) {
            return new Detected("application/ogg", 0, 0);
        }
        if (starts(b, 0x1a, 0x45, 0xdf, 0xa3)) {
            return new Detected("video/webm", 0, 0);
        }
        if (starts(b, 'M', 'Z')) {
            return new Detected("application/x-msdownload", 0, 0);
        }
        String text = new String(b, StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("<?php")) {
            return new Detected("application/x-php", 0, 0);
        }
        if (text.contains("<svg")) {
            return new Detected(text.contains("<script") ? "image/svg+xml+script" : "image/svg+xml", 0, 0);
        }
        if (text.startsWith("<!doctype html") || text.startsWith("<html")) {
            return new Detected("text/html", 0, 0);
        }
        for (byte c : b) {
            if (c < 9 || (c > 13 && c < 32)) {
                return new Detected("application/octet-stream", 0, 0);
            }
        }
        return new Detected(text.contains(",") ? "text/csv" : "text/plain", 0, 0);
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
