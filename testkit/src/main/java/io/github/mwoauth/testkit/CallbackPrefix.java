package io.github.mwoauth.testkit;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a prefix consumer's registered callback accepts a supplied one: a plain string prefix, or the same URL
 * with two allowances: a registered {@code http} callback accepts {@code https}, and a registered port {@code *}
 * accepts any port. Host compared case-insensitively; the rest (path and query) must still be a prefix.
 */
final class CallbackPrefix {

    private static final Pattern URL = Pattern.compile("^(https?)://([^/:?#]+)(?::(\\d+|\\*))?(.*)$",
            Pattern.CASE_INSENSITIVE);

    private CallbackPrefix() {
    }

    static boolean matches(String registered, String callback) {
        if (callback.startsWith(registered)) {
            return true;
        }
        Matcher reg = URL.matcher(registered);
        Matcher got = URL.matcher(callback);
        if (!reg.matches() || !got.matches()) {
            return false;
        }
        String regScheme = reg.group(1).toLowerCase(Locale.ROOT);
        String gotScheme = got.group(1).toLowerCase(Locale.ROOT);
        boolean scheme = regScheme.equals(gotScheme) || regScheme.equals("http") && gotScheme.equals("https");
        String regPort = reg.group(3);
        String gotPort = got.group(3);
        boolean port = "*".equals(regPort) || (regPort == null ? gotPort == null || isDefault(gotScheme, gotPort)
                : regPort.equals(gotPort) || gotPort == null && isDefault(gotScheme, regPort));
        return scheme && port && reg.group(2).equalsIgnoreCase(got.group(2)) && got.group(4).startsWith(reg.group(4));
    }

    private static boolean isDefault(String scheme, String port) {
        return scheme.equals("http") ? port.equals("80") : port.equals("443");
    }
}
