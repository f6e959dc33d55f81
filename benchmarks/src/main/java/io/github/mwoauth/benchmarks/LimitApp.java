package io.github.mwoauth.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * The "limit" of the load benchmark: {@code GET /test_query} POSTs the same {@code list=usercontribs} query the
 * demo sends to the wiki's api.php, but unsigned (LocalWiki answers it anonymously), with no session and no
 * JSON work beyond passing the answer through, and returns the same page shape.
 *
 * <pre>java -cp benchmarks.jar io.github.mwoauth.benchmarks.LimitApp --port 8090 --api http://127.0.0.1:8181/w/api.php --user Alice</pre>
 */
public final class LimitApp {

    private LimitApp() {
    }

    public static void main(String[] args) {
        int port = 8090;
        String api = "http://127.0.0.1:8181/w/api.php";
        String user = "Alice";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--api" -> api = args[i + 1];
                case "--user" -> user = args[i + 1];
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        String form = "action=query&list=usercontribs&ucuser=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&uclimit=50&format=json&formatversion=2";
        HttpClient client = HttpClient.create().compress(true)
                .headers(h -> h.set(HttpHeaderNames.USER_AGENT, "mwoauth-benchmarks/0.1 (limit app)")
                        .set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded"));
        String apiUrl = api;
        String name = user;
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(port)
                .route(routes -> routes.get("/test_query", (request, response) -> response
                        .header(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                        .sendString(client.post().uri(apiUrl)
                                .send(ByteBufFlux.fromString(Mono.just(form)))
                                .responseSingle((status, body) -> body.asString())
                                .map(json -> "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>contributions"
                                        + "</title></head><body>\n<h1>Contributions of " + name + "</h1>\n<pre>"
                                        + json.length() + " bytes of JSON</pre>\n</body></html>\n"))))
                .bindNow();
        System.out.println("limit.url=http://127.0.0.1:" + server.port());
        System.out.println("ready");
        server.onDispose().block();
    }
}
