package io.github.mwoauth.webflux.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A WebFlux server on Reactor Netty keeps answering on a keep-alive connection after a request that arrived while
 * the one before it was still being answered. Reactor Netty 1.3.6 and 1.3.7 queue such a request and, once the
 * queue has drained, stop reading the connection: the next request on it is never answered (reactor-netty issue
 * 4361, fixed in 1.3.8). Proxies that pool connections and browsers reuse connections in just this way.
 */
class KeepAliveConnectionITests {

    private static final Duration SLOW = Duration.ofMillis(300);
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private DisposableServer server;

    @BeforeEach
    void start() {
        RouterFunction<ServerResponse> routes = RouterFunctions.route()
                .GET("/slow", request -> Mono.delay(SLOW).then(ServerResponse.ok().bodyValue("slow")))
                .GET("/fast", request -> ServerResponse.ok()
                        .bodyValue("fast " + request.queryParam("n").orElse("?")))
                .build();
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(routes)))
                .bindNow(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.disposeNow(Duration.ofSeconds(5));
    }

    @Test
    void connectionWhenSecondRequestArrivesWhileFirstIsAnsweredThenThirdRequestIsAnsweredToo() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long started = System.nanoTime();

            // pipelined, in one write: the second request is read while the first waits on its delay
            out.write((request("/slow") + request("/fast?n=2")).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in, 1)).isEqualTo("slow");
            assertThat(readResponse(in, 2)).isEqualTo("fast 2");

            out.write(request("/fast?n=3").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in, 3)).isEqualTo("fast 3");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static String request(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/plain\r\n\r\n";
    }

    /** Reads one response with a {@code Content-Length} and returns its body; fails if it does not come in time. */
    private static String readResponse(InputStream in, int number) throws IOException {
        try {
            String statusLine = readLine(in);
            assertThat(statusLine).as("status line of response %d", number).startsWith("HTTP/1.1 200");
            int length = -1;
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                String lower = line.toLowerCase(Locale.ROOT);
                assertThat(lower).as("response %d", number).doesNotStartWith("connection: close");
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            assertThat(length).as("Content-Length of response %d", number).isNotNegative();
            byte[] body = in.readNBytes(length);
            assertThat(body).as("body of response %d", number).hasSize(length);
            return new String(body, StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return fail("response %d did not arrive within %d ms on the reused connection", number,
                    READ_TIMEOUT_MILLIS);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                fail("connection closed by the server in the middle of a response");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
