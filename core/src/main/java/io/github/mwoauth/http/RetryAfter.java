package io.github.mwoauth.http;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@code Retry-After} header value (RFC 9110, section 10.2.3): either delay-seconds or an HTTP-date, in any of
 * the three forms section 5.6.7 obliges recipients to accept (IMF-fixdate, the obsolete RFC 850 form and ANSI C's
 * asctime). A date is turned into a wait relative to the client's clock only when the wait is needed.
 */
public final class RetryAfter {

    private static final ResolverStyle STRICT = ResolverStyle.STRICT;

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.ROOT).withResolverStyle(STRICT);
    private static final DateTimeFormatter RFC_850 =
            DateTimeFormatter.ofPattern("dd-MMM-uu HH:mm:ss 'GMT'", Locale.ROOT).withResolverStyle(STRICT);
    /** The RFC 850 form's weekday, checked apart: its two-digit year is placed in a century only when read. */
    private static final Pattern RFC_850_WEEKDAY =
            Pattern.compile("(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (.+)");
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss uuuu", Locale.ROOT).withResolverStyle(STRICT);
    private static final List<DateTimeFormatter> FOUR_DIGIT_YEARS = List.of(IMF_FIXDATE, ASCTIME);

    private final @Nullable Duration delay;
    private final @Nullable Instant date;
    private final boolean twoDigitYear;

    private RetryAfter(@Nullable Duration delay, @Nullable Instant date, boolean twoDigitYear) {
        this.delay = delay;
        this.date = date;
        this.twoDigitYear = twoDigitYear;
    }

    /** The header's value, or {@code null} when absent or neither delay-seconds nor an HTTP-date. */
    public static @Nullable RetryAfter parse(@Nullable String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.isEmpty() || value.length() > 64) {
            return null;
        }
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long seconds;
            try {
                seconds = Long.parseLong(value);
            } catch (NumberFormatException tooLarge) {
                seconds = Long.MAX_VALUE;
            }
            return new RetryAfter(Duration.ofSeconds(seconds), null, false);
        }
        for (DateTimeFormatter format : FOUR_DIGIT_YEARS) {
            Instant at = date(value, format);
            if (at != null) {
                return new RetryAfter(null, at, false);
            }
        }
        Matcher rfc850 = RFC_850_WEEKDAY.matcher(value);
        Instant at = rfc850.matches() ? date(rfc850.group(1), RFC_850) : null;
        return at == null ? null : new RetryAfter(null, at, true);
    }

    private static @Nullable Instant date(String value, DateTimeFormatter format) {
        try {
            return LocalDateTime.parse(value, format).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The wait this value asks for, seen at {@code now}: a date already past asks for none. */
    Duration delayFrom(Instant now) {
        if (delay != null) {
            return delay;
        }
        Instant at = Objects.requireNonNull(date);
        if (twoDigitYear && at.isAfter(now.atOffset(ZoneOffset.UTC).plusYears(50).toInstant())) {
            // RFC 9110: a two-digit year more than 50 years ahead is the most recent past year ending so
            at = at.atOffset(ZoneOffset.UTC).minusYears(100).toInstant();
        }
        return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    }

    @Override
    public String toString() {
        return delay != null ? delay.getSeconds() + " s" : String.valueOf(date);
    }
}
