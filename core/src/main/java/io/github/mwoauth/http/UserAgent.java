package io.github.mwoauth.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The User-Agent Wikimedia's policy asks for: {@code <client>/<version> (<contact>) <library>/<version>}.
 * The application gives its part; the library appends its own.
 */
public final class UserAgent {

    static final String LIBRARY = "mwoauth-webflux/" + libraryVersion();

    private UserAgent() {
    }

    public static String of(@Nullable String applicationPart) {
        if (applicationPart == null || applicationPart.isBlank()) {
            return LIBRARY;
        }
        String app = applicationPart.strip();
        if (app.contains("\r") || app.contains("\n")) {
            throw new IllegalArgumentException("userAgent cannot contain line breaks");
        }
        return app + " " + LIBRARY;
    }

    static String libraryVersion() {
        try (InputStream in = UserAgent.class.getResourceAsStream("/io/github/mwoauth/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("$")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through to the default
        }
        return "dev";
    }
}
