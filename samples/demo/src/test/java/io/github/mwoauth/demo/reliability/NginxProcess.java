package io.github.mwoauth.demo.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx in the foreground with its own configuration, pid, logs and temp paths in a directory:
 * round-robin over the app instances, a failed connection retried on the next instance.
 */
final class NginxProcess implements AutoCloseable {

    static final String BINARY = System.getProperty("nginx", "/usr/sbin/nginx");

    final int port;
    private final Path dir;
    private final List<Integer> upstreams;
    private final ChildProcess process;

    NginxProcess(int port, List<Integer> upstreams, Path dir) {
        this.port = port;
        this.dir = dir;
        this.upstreams = List.copyOf(upstreams);
        String d = dir.toAbsolutePath().toString();
        configure(Set.of());
        process = new ChildProcess("nginx", List.of(BINARY, "-p", d, "-e", d + "/error.log", "-c",
                d + "/nginx.conf", "-g", "daemon off;"), dir.resolve("nginx.out"));
        process.awaitPort(port, Duration.ofSeconds(10));
        // something else listening on the port would pass the wait above; nginx says so in its log
        try {
            String log = Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : "";
            if (log.contains("[emerg]")) {
                throw new IllegalStateException("nginx could not start:\n" + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the configuration, the upstreams on the ports {@code down} marked {@code down} (nginx sends them
     * nothing): what an orchestrator does with an instance that is not ready. Takes effect at {@link #reload()}.
     */
    private void configure(Set<Integer> down) {
        StringBuilder servers = new StringBuilder();
        for (int upstream : upstreams) {
            servers.append("    server 127.0.0.1:").append(upstream).append(" max_fails=1 fail_timeout=5s")
                    .append(down.contains(upstream) ? " down" : "").append(";\n");
        }
        String d = dir.toAbsolutePath().toString();
        // as root the workers would switch to "nobody", who may not write the temp paths: stay root then
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        String conf = user + "worker_processes 1;\npid " + d + "/nginx.pid;\nerror_log " + d + "/error.log warn;\n"
                + "events { worker_connections 2048; }\n"
                + "http {\n  access_log off;\n"
                + "  client_body_temp_path " + d + "/client_body;\n  proxy_temp_path " + d + "/proxy;\n"
                + "  fastcgi_temp_path " + d + "/fastcgi;\n  uwsgi_temp_path " + d + "/uwsgi;\n"
                + "  scgi_temp_path " + d + "/scgi;\n"
                + "  upstream demo {\n" + servers + "    keepalive 64;\n  }\n"
                + "  server {\n    listen 127.0.0.1:" + port + ";\n"
                + "    location / {\n      proxy_pass http://demo;\n      proxy_http_version 1.1;\n"
                + "      proxy_set_header Connection \"\";\n      proxy_set_header Host $http_host;\n"
                + "      proxy_next_upstream error timeout;\n      proxy_connect_timeout 1s;\n"
                + "      proxy_read_timeout 10s;\n      add_header X-Upstream $upstream_addr always;\n    }\n  }\n}\n";
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("nginx.conf"), conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends nothing to the instances on the ports {@code down} from now on, and everything to the others. */
    void upstreamsDown(Set<Integer> down) {
        configure(down);
        reload();
    }

    /**
     * Reloads the configuration: new workers, so every instance counts as up again however earlier requests
     * went ({@code max_fails} is counted per worker). Returns once the master has been told; the new workers
     * take new connections from then on.
     */
    void reload() {
        String d = dir.toAbsolutePath().toString();
        try {
            Process reload = new ProcessBuilder(BINARY, "-p", d, "-e", d + "/error.log", "-c", d + "/nginx.conf",
                    "-s", "reload").redirectErrorStream(true).redirectOutput(dir.resolve("reload.out").toFile()).start();
            if (!reload.waitFor(10, TimeUnit.SECONDS) || reload.exitValue() != 0) {
                throw new IllegalStateException("nginx -s reload failed, see " + dir.resolve("reload.out"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Ports.sleep(Duration.ofSeconds(1)); // the old workers finish what they hold, the new ones start
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.close();
    }
}
