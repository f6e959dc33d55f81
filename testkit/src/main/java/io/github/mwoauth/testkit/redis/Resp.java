package io.github.mwoauth.testkit.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Just enough of Redis's wire protocol (RESP) to send one command and read a simple reply or an array of them, with no client library. */
final class Resp {

    private Resp() {
    }

    /**
     * One command over RESP on a new connection; the reply as text: a status, an integer, a bulk string, or an
     * array's elements one a line.
     *
     * @throws IllegalStateException if Redis answers an error
     */
    static String exchange(String host, int port, Duration timeout, String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                request.writeBytes(bytes);
                request.writeBytes(new byte[] {'\r', '\n'});
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            return reply(new BufferedInputStream(socket.getInputStream()));
        }
    }

    /** A status, an integer, a bulk string, or an array of those one a line. */
    private static String reply(InputStream in) throws IOException {
        int type = in.read();
        String line = readLine(in);
        switch (type) {
            case '+', ':' -> {
                return line;
            }
            case '-' -> throw new IllegalStateException("redis-server answered " + line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return "";
                }
                byte[] body = in.readNBytes(length + 2);
                if (body.length < length) {
                    throw new IOException("connection closed in a reply");
                }
                return new String(body, 0, length, StandardCharsets.UTF_8);
            }
            case '*' -> {
                List<String> elements = new ArrayList<>();
                for (int i = Integer.parseInt(line); i > 0; i--) {
                    elements.add(reply(in));
                }
                return String.join("\n", elements);
            }
            default -> throw new IOException("unexpected reply: " + (char) type + line);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in a reply");
            }
            line.append((char) c);
        }
        in.read(); // '\n'
        return line.toString();
    }
}
