package io.github.mwoauth.demo.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo application in its own JVM on the test class path, on {@code port}, against an existing wiki and
 * Redis: one instance of a scaled-out deployment.
 */
final class DemoInstance implements AutoCloseable {

    final String name;
    final int port;
    private final ChildProcess process;

    DemoInstance(String name, int port, Map<String, String> properties, Path log) {
        this.name = name;
        this.port = port;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), "io.github.mwoauth.demo.DemoApplication",
                "--server.port=" + port, "--server.address=127.0.0.1"));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        process = new ChildProcess(name, command, log);
    }

    void awaitReady(Duration timeout) {
        process.awaitPort(port, timeout);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int threads() {
        return process.threads();
    }

    List<String> threadNames() {
        return process.threadNames();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the instance dies as in a crash, without finishing its requests. */
    void kill() {
        process.kill();
    }

    String logTail() {
        return process.tail();
    }

    @Override
    public void close() {
        process.close();
    }
}
