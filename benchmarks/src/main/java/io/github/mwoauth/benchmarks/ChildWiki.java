package io.github.mwoauth.benchmarks;

import io.github.mwoauth.oauth1.AccessToken;
import io.github.mwoauth.testkit.Consumer;
import io.github.mwoauth.testkit.LocalWiki;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A LocalWiki in a child JVM, so that a probe's heap and thread figures are its own: the child runs
 * {@code mainClass --serve args...}, prints {@code key=value} lines and {@code ready}, and serves until closed.
 */
final class ChildWiki implements AutoCloseable {

    private final Process process;
    private final Map<String, String> values;

    private ChildWiki(Process process, Map<String, String> values) {
        this.process = process;
        this.values = values;
    }

    static ChildWiki start(Class<?> mainClass, String maxHeap, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"), mainClass.getName(), "--serve"));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> values = new HashMap<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null && !line.equals("ready"); line = out.readLine()) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (!values.containsKey("token")) {
            child.destroyForcibly();
            throw new IllegalStateException("the wiki process did not start: " + values);
        }
        return new ChildWiki(child, values);
    }

    /** In the child: tells the parent the wiki's address and the consumer's credentials, then serves until killed. */
    static void serve(LocalWiki wiki, Consumer consumer, AccessToken token) throws InterruptedException {
        System.out.println("script.path=" + wiki.scriptPath());
        System.out.println("key=" + consumer.key());
        System.out.println("secret=" + consumer.secret());
        System.out.println("token=" + token.key());
        System.out.println("token.secret=" + token.secret());
        System.out.println("ready");
        System.out.flush();
        Thread.currentThread().join();
    }

    /** A value the child printed ({@code script.path}, {@code key}, {@code token}, ...). */
    String get(String key) {
        return values.get(key);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        process.destroyForcibly();
    }
}
