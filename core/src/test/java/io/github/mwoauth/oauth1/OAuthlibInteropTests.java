package io.github.mwoauth.oauth1;

import io.github.mwoauth.testsupport.DebianPython;
import io.github.mwoauth.http.FormEncoding;
import io.github.mwoauth.http.Parameter;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our signer's output, checked by an implementation nobody here wrote: python-oauthlib (Debian's
 * python3-oauthlib) recomputes base string and HMAC-SHA1 for a few hundred generated requests. Skipped without
 * it, failed without it on CI: see {@link DebianPython}.
 */
class OAuthlibInteropTests {

    private static final int REQUESTS = 400;

    /** Characters that exercise encoding: reserved, unreserved, space, plus, percent, UTF-8 of 2 to 4 bytes. */
    private static final String[] PIECES = {"a", "Z", "0", "-", ".", "_", "~", " ", "+", "%", "&", "=", "/", "?",
        "#", "[", "]", "!", "*", "'", "(", ")", ";", ":", "@", "$", ",", "|", "é", "Ω", "≈", "日本", "😀", "\"",
        "<", ">", "\\", "^", "`", "{", "}"};

    @Test
    void signWhenGeneratedRequestsThenOAuthlibAgreesOnEveryOne(@TempDir Path dir) throws Exception {
        Path python = DebianPython.require("python3-oauthlib");
        Random random = new Random(5849);
        OAuth1Signer signer = new OAuth1Signer(Clock.systemUTC());
        JsonMapper json = JsonMapper.builder().build();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < REQUESTS; i++) {
            List<Parameter> query = parameters(random, random.nextInt(4));
            List<Parameter> form = parameters(random, random.nextInt(6));
            if (random.nextBoolean() && !form.isEmpty()) {
                form.add(Parameter.of(form.get(0).name(), text(random, 4))); // a repeated name
            }
            String host = random.nextBoolean() ? "Wiki.Example.ORG" : "127.0.0.1";
            String port = switch (random.nextInt(3)) {
                case 0 -> "";
                case 1 -> ":443";
                default -> ":" + (1024 + random.nextInt(60000));
            };
            String scheme = port.equals(":443") ? "https" : (random.nextBoolean() ? "http" : "https");
            String path = "/w/" + (random.nextBoolean() ? "api.php" : "index.php");
            String rawQuery = FormEncoding.write(query);
            URI uri = URI.create(scheme + "://" + host + port + path + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
            String method = random.nextBoolean() ? "POST" : "GET";
            OAuth1Credentials credentials = new OAuth1Credentials(text(random, 6), text(random, 8),
                    random.nextInt(4) == 0 ? null : hex(random, 32), random.nextInt(5) == 0 ? "" : text(random, 8));
            List<Parameter> extra = random.nextInt(3) == 0
                    ? List.of(Parameter.of("oauth_callback", "http://127.0.0.1:5000/oauth-callback?next=%2Fé"))
                    : List.of();
            SignedRequest signed = signer.sign(method, uri, form, credentials, extra);

            List<Parameter> all = new ArrayList<>(form);
            all.addAll(AuthorizationHeader.parse(signed.authorizationHeader()));
            ObjectNode line = json.createObjectNode();
            line.put("method", method);
            line.put("uri", uri.toString());
            line.put("body", FormEncoding.write(form));
            line.put("authorization", signed.authorizationHeader());
            line.put("consumer_secret", credentials.consumerSecret());
            line.put("token_secret", credentials.tokenSecret());
            line.put("base_string", SignatureBaseString.of(method, uri, all));
            lines.append(json.writeValueAsString(line)).append('\n');
        }

        List<String> output = runPython(python, dir, lines.toString());

        assertThat(output).filteredOn(l -> l.startsWith("bad")).isEmpty();
        assertThat(output).last().isEqualTo("done " + REQUESTS + " " + REQUESTS);
    }

    private static List<Parameter> parameters(Random random, int count) {
        List<Parameter> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Parameter.of(text(random, 1 + random.nextInt(5)),
                    random.nextInt(5) == 0 ? "" : text(random, random.nextInt(12))));
        }
        return out;
    }

    private static String text(Random random, int pieces) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            out.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return out.toString();
    }

    private static String hex(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }

    private static List<String> runPython(Path python, Path dir, String input)
            throws IOException, InterruptedException {
        Path script = dir.resolve("verify_signatures.py");
        try (InputStream in = OAuthlibInteropTests.class.getResourceAsStream("/interop/verify_signatures.py")) {
            Files.copy(in, script);
        }
        Process process = new ProcessBuilder(python.toString(), script.toString()).redirectErrorStream(true).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("python finished").isTrue();
        assertThat(process.exitValue()).as("python exit status, output: %s", lines).isZero();
        return lines;
    }
}
