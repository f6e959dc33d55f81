package io.github.mwoauth.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's python3 with the packages an interop test needs. When something is missing the test is skipped, naming
 * it and the {@code apt-get} line that installs it; on CI (environment variable {@code CI} set) it fails instead.
 * The system property {@value #PYTHON_PROPERTY} points at another interpreter. Shared with the other modules'
 * tests through core's test jar.
 */
public final class DebianPython {

    public static final String PYTHON_PROPERTY = "mwoauth.interop.python";

    /** Answers which of {@code sys.argv[1:]} cannot be imported, one a line. */
    private static final String CHECK = """
            import importlib, sys
            for name in sys.argv[1:]:
                try:
                    importlib.import_module(name)
                except Exception:
                    print(name)
            """;

    private DebianPython() {
    }

    /**
     * The interpreter, once it imports the modules of {@code packages}; otherwise skips or fails the test.
     *
     * @param packages Debian packages such as {@code python3-oauthlib}, each providing the module named after it
     *     ({@code python3-requests-oauthlib}: {@code requests_oauthlib})
     */
    public static Path require(String... packages) throws IOException, InterruptedException {
        Path python = Path.of(System.getProperty(PYTHON_PROPERTY, "/usr/bin/python3"));
        if (!Files.isExecutable(python)) {
            List<String> all = new ArrayList<>(List.of("python3"));
            all.addAll(List.of(packages));
            skipOrFail("there is no " + python, all);
        }
        List<String> command = new ArrayList<>(List.of(python.toString(), "-c", CHECK));
        for (String p : packages) {
            command.add(module(p));
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        if (!exited || process.exitValue() != 0) {
            process.destroyForcibly();
            skipOrFail(python + " failed to check its modules", List.of(packages));
        }
        List<String> failed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<String> missing = new ArrayList<>();
        for (String p : packages) {
            if (failed.contains(module(p))) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            skipOrFail(python + " cannot import " + String.join(", ", failed), missing);
        }
        return python;
    }

    private static String module(String debianPackage) {
        return debianPackage.substring("python3-".length()).replace('-', '_');
    }

    /** Always throws: the test is skipped, or on CI fails. */
    private static void skipOrFail(String problem, List<String> packages) {
        String message = "Python interop test: " + problem + "; install with: sudo apt-get install -y "
                + String.join(" ", packages);
        String ci = System.getenv("CI");
        if (ci != null && !ci.isEmpty()) {
            fail(message + " (CI is set: this test must run there, not be skipped)");
        }
        System.err.println("Skipped. " + message); // surefire's console shows the count of skipped tests only
        Assumptions.abort(message);
    }
}
