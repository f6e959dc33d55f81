package io.github.mwoauth.webflux.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * {@link LeftoverConnections} on a real Reactor Netty server over loopback: a keep-alive connection still open
 * when it stops is closed, after the request under way on it is answered in full.
 */
class LeftoverConnectionsTests {

    private final LeftoverConnections leftovers = new LeftoverConnections(Duration.ofSeconds(5));
    private final CountDownLatch slowReceived = new CountDownLatch(1);
    private DisposableServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(5));
        }
    }

    private void start() {
        server = leftovers.apply(HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.get("/fast", (request, response) -> response.sendString(Mono.just("fast")))
                        .get("/slow", (request, response) -> {
                            slowReceived.countDown();
                            return response.sendString(Mono.delay(Duration.ofMillis(500)).thenReturn("slow"));
                        })))
                .bindNow();
        leftovers.start();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void send(Socket socket, String path) throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Everything the server sends until it closes the connection (or 5 s pass: a SocketTimeoutException). */
    private static String readToClose(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            all.write(buffer, 0, n);
        }
        return all.toString(StandardCharsets.US_ASCII);
    }

    /** The first response on the connection (headers and a body of {@code bodyLength}), the connection left open. */
    private static String readResponse(Socket socket, int bodyLength) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        while (!text.toString().contains("\r\n\r\n")) {
            text.append((char) in.read());
        }
        for (int i = 0; i < bodyLength; i++) {
            text.append((char) in.read());
        }
        return text.toString();
    }

    private void stopAndAwait() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        leftovers.stop(stopped::countDown);
        assertThat(stopped.await(10, TimeUnit.SECONDS)).as("stop's callback").isTrue();
        assertThat(leftovers.isRunning()).isFalse();
    }

    @Test
    void stopWhenIdleKeepAliveConnectionOpenThenClosed() throws Exception {
        start();
        try (Socket socket = connect()) {
            send(socket, "/fast");
            assertThat(readResponse(socket, 4)).startsWith("HTTP/1.1 200").endsWith("fast");
            stopAndAwait();
            assertThat(readToClose(socket)).as("nothing more, then closed").isEmpty();
        }
    }

    @Test
    void stopWhenRequestUnderWayThenAnsweredInFullThenClosed() throws Exception {
        start();
        try (Socket socket = connect()) {
            send(socket, "/slow");
            assertThat(slowReceived.await(10, TimeUnit.SECONDS)).as("the request under way on the server").isTrue();
            stopAndAwait();
            assertThat(readToClose(socket)).startsWith("HTTP/1.1 200").endsWith("slow");
        }
    }

    @Test
    void stopWhenNoConnectionThenCallbackAtOnce() throws Exception {
        start();
        stopAndAwait();
        assertThat(LeftoverConnections.PHASE).as("after the web server's stop phase, before the default phase")
                .isLessThan(org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle
                        .SMART_LIFECYCLE_PHASE - 1024).isGreaterThan(0);
    }
}
