package io.github.mwoauth.testkit.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Runs a real {@code redis-server} on the loopback interface for JUnit Jupiter tests. Registered on a
 * {@code static} field it starts one server per test class; on an instance field, one per test. A test may stop,
 * kill or stall the server to see how the code under test copes; with a server per class, the next test finds it
 * running again (same port, same data).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisServerExtension REDIS = RedisServerExtension.create();
 *
 * @Test
 * void test() {
 *     connectTo(REDIS.host(), REDIS.port());     // or REDIS.uri(): redis://127.0.0.1:port
 *     REDIS.stop();                              // the session store is down
 *     REDIS.cli("EXISTS", "some:key");           // "(integer) 0", as redis-cli prints it
 * }
 * }</pre>
 *
 * <p>The server binds {@value #HOST} on a free port below Linux's ephemeral range (so that no port-0 bind takes
 * it while the server is stopped) and keeps that port across restarts. It starts without persistence (no RDB
 * snapshots, no append-only file) in a temporary directory deleted when the server is closed, unless
 * {@link #withDataDirectory(Path)} names one; {@link #withArguments(String...)} adds {@code redis-server}
 * options, e.g. an append-only file, so that sessions survive a restart. The server's output goes to
 * {@code redis.log} in that directory; when a test fails, its last lines are added to the failure.
 *
 * <p>The binary is the system property {@code redis.server} if set, else {@code redis-server} on the
 * {@code PATH}, else {@code /usr/bin/redis-server} (Debian's {@code redis-server} package). {@link #cli(String...)}
 * runs {@code redis-cli} (system property {@code redis.cli}, else beside the server binary, else on the
 * {@code PATH}).
 *
 * <p>Outside JUnit the same object is a plain server handle: {@link #start()} it and {@link #close()} it, e.g.
 * in try-with-resources. Its methods block; call them from a test's thread, never from an event loop.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, TestExecutionExceptionHandler, AutoCloseable {

    /** The address the server binds and clients connect to. */
    public static final String HOST = "127.0.0.1";

    private static final String LOG_FILE = "redis.log";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** For each probe while starting: short, in case another process holds the port and never answers. */
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_LINES = 40;

    private final int fixedPort;
    private final @Nullable Path dataDirectory;
    private final List<String> arguments;

    private volatile int port;
    private volatile @Nullable Process process;
    private volatile @Nullable Path directory;
    private boolean temporaryDirectory;
    private boolean perClass;

    private RedisServerExtension(int fixedPort, @Nullable Path dataDirectory, List<String> arguments) {
        this.fixedPort = fixedPort;
        this.dataDirectory = dataDirectory;
        this.arguments = List.copyOf(arguments);
    }

    /** A server on a free port, without persistence, in a temporary directory. */
    public static RedisServerExtension create() {
        return new RedisServerExtension(0, null, List.of());
    }

    /**
     * A copy that listens on {@code newPort}, for a port chosen by the test (a server on a free port tries
     * another when its own is taken before it binds; this one fails).
     */
    public RedisServerExtension withPort(int newPort) {
        if (newPort < 1 || newPort > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + newPort);
        }
        return new RedisServerExtension(newPort, dataDirectory, arguments);
    }

    /**
     * A copy that keeps its data and {@code redis.log} in {@code newDirectory} (created if missing, never
     * deleted) instead of a temporary directory.
     */
    public RedisServerExtension withDataDirectory(Path newDirectory) {
        Objects.requireNonNull(newDirectory, "dataDirectory cannot be null");
        return new RedisServerExtension(fixedPort, newDirectory.toAbsolutePath(), arguments);
    }

    /**
     * A copy that passes {@code newArguments} to {@code redis-server} after its own ({@code --port}, {@code --bind},
     * {@code --dir}, {@code --save ""}, {@code --appendonly no}, {@code --daemonize no}), which they override, e.g.
     * {@code withArguments("--appendonly", "yes", "--appendfsync", "everysec")} for sessions that survive
     * {@link #stop()} and {@link #start()}. A first argument that is not an option, a configuration file (a
     * Sentinel's: {@code withArguments(config, "--sentinel")}), comes before all the others, as Redis requires.
     */
    public RedisServerExtension withArguments(String... newArguments) {
        List<String> all = new ArrayList<>(arguments);
        for (String argument : newArguments) {
            all.add(Objects.requireNonNull(argument, "arguments cannot contain null"));
        }
        return new RedisServerExtension(fixedPort, dataDirectory, all);
    }

    /** {@value #HOST}. */
    public String host() {
        return HOST;
    }

    /** The port, known from the first start on and kept across restarts. */
    public int port() {
        int p = port;
        if (p == 0) {
            throw new IllegalStateException("redis-server has not been started (used outside a test?)");
        }
        return p;
    }

    /** {@code redis://127.0.0.1:<port>}, e.g. for Lettuce's {@code RedisURI.create} or {@code spring.data.redis.url}. */
    public URI uri() {
        return URI.create("redis://" + HOST + ":" + port());
    }

    /** Whether the server process is running. */
    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /**
     * Starts the server, unless it is running, and waits (at most 10 s) until it answers {@code PING}. The first
     * start picks the port (another one, up to three in all, if the server could not bind it); later starts take
     * the same port and directory, so data persisted by {@link #withArguments(String...) options} is loaded again.
     *
     * @return this server
     * @throws IllegalStateException if the binary is missing or the server does not start; the message holds the
     *         end of its log
     */
    public synchronized RedisServerExtension start() {
        if (isRunning()) {
            return this;
        }
        Path binary = RedisInstallation.server();
        Path dir = directory();
        if (port != 0) {
            launch(binary, dir, port);
            return this;
        }
        IllegalStateException failure = null;
        int attempts = fixedPort == 0 ? START_ATTEMPTS : 1;
        for (int attempt = 0; attempt < attempts; attempt++) {
            int candidate = fixedPort == 0 ? LoopbackPorts.free(HOST) : fixedPort;
            try {
                launch(binary, dir, candidate);
                port = candidate;
                return this;
            } catch (IllegalStateException e) {
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                failure = e;
            }
        }
        throw Objects.requireNonNull(failure);
    }

    /** SIGTERM, as a clean shutdown (Redis writes its append-only file, if any, and exits), and waits for the exit. */
    public synchronized void stop() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!waitFor(p, STOP_TIMEOUT)) {
                kill();
            }
        }
    }

    /** SIGKILL, as a crash (writes not yet synced to disk are lost), and waits for the exit. */
    public synchronized void kill() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            waitFor(p, STOP_TIMEOUT);
        }
    }

    /** {@link #stop()}, then {@link #start()} on the same port. */
    public synchronized void restart() {
        stop();
        start();
    }

    /**
     * Stalls the server: {@code CLIENT PAUSE <duration> ALL}. Redis keeps its connections open but answers no
     * client for that long (as a Redis stuck on a slow command, or a lost network path, looks to clients), then
     * answers every command that waited.
     *
     * @return {@link System#nanoTime()} when Redis confirmed the pause: it began a little earlier
     */
    public long pauseClients(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        String reply = send("CLIENT", "PAUSE", String.valueOf(duration.toMillis()), "ALL");
        long confirmed = System.nanoTime();
        if (!"OK".equals(reply)) {
            throw new IllegalStateException("CLIENT PAUSE answered " + reply);
        }
        return confirmed;
    }

    /**
     * Runs {@code redis-cli} against the server (at most 10 s) and returns what it printed, in its human-readable
     * form ({@code (integer) 1}, {@code "value"}) unless {@code args} begin with {@code --raw}.
     */
    public String cli(String... args) {
        List<String> command = new ArrayList<>(List.of(RedisInstallation.cli().toString(), "-h", HOST, "-p",
                String.valueOf(port()), "--no-raw"));
        command.addAll(List.of(args));
        Path output = null;
        try {
            output = Files.createTempFile("redis-cli", ".out");
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!waitFor(cli, COMMAND_TIMEOUT)) {
                cli.destroyForcibly();
                throw new IllegalStateException("redis-cli did not finish within " + COMMAND_TIMEOUT + ": " + command);
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } finally {
            deleteQuietly(output);
        }
    }

    /** The server's output ({@code redis.log} in its directory), or an empty string before the first start. */
    public String log() {
        Path dir = directory;
        if (dir == null) {
            return "";
        }
        try {
            return Files.readString(dir.resolve(LOG_FILE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Stops the server ({@link #stop()}) and deletes its temporary directory; a {@link #withDataDirectory(Path)
     * data directory} is kept. A later {@link #start()} begins afresh, as the first one did.
     */
    @Override
    public synchronized void close() {
        stop();
        process = null;
        Path dir = directory;
        if (dir != null && temporaryDirectory) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(RedisServerExtension::deleteQuietly);
            } catch (IOException ignored) {
                // best effort: a temporary directory
            }
        }
        directory = null;
        port = 0;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // with a server per class, start it again if the previous test stopped or killed it
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            close();
        }
    }

    /** Adds the end of the server's log to a failed test's error. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        if (!(throwable instanceof TestAbortedException) && directory != null) {
            throwable.addSuppressed(new ServerLog(describe() + ", the end of its log:\n" + tail()));
        }
        throw throwable;
    }

    @Override
    public String toString() {
        return "RedisServerExtension[" + (port == 0 ? "not started" : describe()) + "]";
    }

    private String describe() {
        return "redis-server on " + HOST + ":" + port + (isRunning() ? "" : " (not running)");
    }

    private void launch(Path binary, Path dir, int candidate) {
        boolean configFile = !arguments.isEmpty() && !arguments.get(0).startsWith("--");
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(arguments.subList(0, configFile ? 1 : 0));
        command.addAll(List.of("--port", String.valueOf(candidate), "--bind", HOST, "--dir", dir.toString(), "--save",
                "", "--appendonly", "no", "--daemonize", "no"));
        command.addAll(arguments.subList(configFile ? 1 : 0, arguments.size()));
        Process started;
        try {
            started = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(LOG_FILE).toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command + ": " + e.getMessage(), e);
        }
        process = started;
        try {
            awaitReady(started, candidate);
        } catch (IllegalStateException e) {
            started.destroyForcibly();
            waitFor(started, STOP_TIMEOUT);
            throw e;
        }
    }

    /** Until this process (not another server that holds the port) answers PING. */
    private void awaitReady(Process started, int candidate) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                throw new IllegalStateException("redis-server on port " + candidate + " exited with "
                        + started.exitValue() + "; the end of its log:\n" + tail());
            }
            try {
                if ("PONG".equals(Resp.exchange(HOST, candidate, PROBE_TIMEOUT, "PING"))
                        && Resp.exchange(HOST, candidate, PROBE_TIMEOUT, "INFO", "server").contains("process_id:" + started.pid() + "\r\n")) {
                    return;
                }
            } catch (IOException | IllegalStateException notYet) {
                // not listening yet, or still loading its data, or another process's port
            }
            waitFor(started, Duration.ofMillis(50));
        }
        throw new IllegalStateException("redis-server did not answer on port " + candidate + " within "
                + START_TIMEOUT + "; the end of its log:\n" + tail());
    }

    private String send(String... args) {
        try {
            return Resp.exchange(HOST, port(), COMMAND_TIMEOUT, args);
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server on " + HOST + ":" + port + " did not answer " + args[0], e);
        }
    }

    private Path directory() {
        Path dir = directory;
        if (dir != null) {
            return dir;
        }
        try {
            Path configured = dataDirectory;
            if (configured != null) {
                dir = Files.createDirectories(configured);
                temporaryDirectory = false;
            } else {
                dir = Files.createTempDirectory("redis-test");
                temporaryDirectory = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the directory of redis-server", e);
        }
        directory = dir;
        return dir;
    }

    private String tail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
    }

    private static boolean waitFor(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void deleteQuietly(@Nullable Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /** The end of the server's log, attached to a failed test's error. */
    private static final class ServerLog extends Exception {

        private static final long serialVersionUID = 1L;

        ServerLog(String message) {
            super(message, null, false, false);
        }
    }
}
