package io.github.mwoauth.testkit;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/** Small text helpers: PHP's {@code htmlspecialchars}, MediaWiki timestamps, random hex. */
final class Texts {

    private static final SecureRandom RANDOM = nonBlockingRandom();
    private static final DateTimeFormatter MW_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

    private Texts() {
    }

    /** {@code htmlspecialchars($s, ENT_QUOTES)}: {@code & < > " '}. */
    static String html(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#039;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code YYYYMMDDhhmmss} in UTC, MediaWiki's TS_MW. */
    static String mwTimestamp(Instant t) {
        return MW_TIMESTAMP.format(t);
    }

    static Instant parseMwTimestamp(String s) {
        return MW_TIMESTAMP.parse(s, Instant::from);
    }

    /** {@code 2026-11-28T03:12:33Z}, the API's ISO 8601 form. */
    static String isoTimestamp(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        if (d.getYear() < 1000 || d.getYear() > 9999) {
            return ISO.format(t.truncatedTo(ChronoUnit.SECONDS));
        }
        // written out: a response lists up to 500 of them, and the formatter costs ten times as much
        char[] out = "0000-00-00T00:00:00Z".toCharArray();
        digits(out, 0, 4, d.getYear());
        digits(out, 5, 2, d.getMonthValue());
        digits(out, 8, 2, d.getDayOfMonth());
        digits(out, 11, 2, d.getHour());
        digits(out, 14, 2, d.getMinute());
        digits(out, 17, 2, d.getSecond());
        return new String(out);
    }

    private static void digits(char[] out, int at, int width, int value) {
        for (int i = at + width - 1, v = value; i >= at; i--, v /= 10) {
            out[i] = (char) ('0' + v % 10);
        }
    }

    /**
     * A DRBG seeded once here, so that later calls never read {@code /dev/urandom} on an event-loop thread
     * (the default NativePRNG does file I/O on every call).
     */
    private static SecureRandom nonBlockingRandom() {
        try {
            SecureRandom drbg = SecureRandom.getInstance("DRBG");
            drbg.nextBytes(new byte[16]);
            return drbg;
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /** {@code chars} lower-case hex characters from {@link SecureRandom}. */
    static String randomHex(int chars) {
        byte[] bytes = new byte[(chars + 1) / 2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, chars);
    }
}
