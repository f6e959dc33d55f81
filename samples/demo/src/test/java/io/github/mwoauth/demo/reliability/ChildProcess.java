package io.github.mwoauth.demo.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A process started by a test, output to a log file, stopped (TERM, then KILL) on close. */
class ChildProcess implements AutoCloseable {

    final String name;
    final Path log;
    private final Process process;

    ChildProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.log = log;
        try {
            Files.createDirectories(log.getParent());
            this.process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Waits until the port listens, or fails with the end of the log. */
    void awaitPort(int port, Duration timeout) {
        if (!Ports.awaitListening(port, timeout, process.toHandle())) {
            throw new IllegalStateException(name + " did not listen on " + port + " within " + timeout + ":\n"
                    + tail());
        }
    }

    /** The number of threads of the process, from /proc (Linux). */
    int threads() {
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            return (int) tasks.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the process's threads (as the kernel truncates them, 15 characters), from /proc. */
    List<String> threadNames() {
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            return tasks.map(task -> {
                try {
                    return Files.readString(task.resolve("comm")).strip();
                } catch (IOException gone) {
                    return "(exited)";
                }
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, as a crash. */
    void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** SIGTERM and wait for the exit (SIGKILL after 10 s). */
    void stop() {
        stop(Duration.ofSeconds(10));
    }

    /** SIGTERM and wait up to {@code timeout} for the exit, then SIGKILL: whether it exited by itself in time. */
    boolean stop(Duration timeout) {
        process.destroy();
        if (waitFor(timeout)) {
            return true;
        }
        kill();
        return false;
    }

    /** The exit code, once exited. */
    int exitValue() {
        return process.exitValue();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
