package io.github.mwoauth.demo;

import io.github.mwoauth.Freshness;
import io.github.mwoauth.LoginRequiredException;
import io.github.mwoauth.ReactiveMediaWikiClient;
import io.github.mwoauth.UploadContent;
import io.github.mwoauth.UploadException;
import io.github.mwoauth.UploadProgress;
import io.github.mwoauth.UploadRequest;
import io.github.mwoauth.UploadWarningPolicy;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The upload page: the browser sends a file, and the application streams it on to the wiki as the logged-in user,
 * in chunks, while the answer reports each step as a line of JSON (the progress bar). The file passes through
 * without being held: the browser's upload moves as fast as the wiki takes the chunks.
 */
@Configuration(proxyBeanMethods = false)
class UploadPage {

    /** Chunks of 1 MiB, to show several even for small files. */
    private static final int CHUNK_SIZE = 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    RouterFunction<ServerResponse> uploadRoutes(ReactiveMediaWikiClient client) {
        return RouterFunctions.route()
                .GET("/upload", request -> form(client))
                .POST("/upload", request -> upload(client, request))
                .build();
    }

    private static Mono<ServerResponse> form(ReactiveMediaWikiClient client) {
        return client.currentUser(Freshness.CACHED)
                .switchIfEmpty(Mono.error(() -> new LoginRequiredException("log in to upload")))
                .flatMap(user -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(PAGE));
    }

    /**
     * The parts as they arrive: the {@code filename} and {@code size} fields first (the page sends them first),
     * then the file, whose content goes to the wiki as it comes.
     */
    private static Mono<ServerResponse> upload(ReactiveMediaWikiClient client, ServerRequest request) {
        Map<String, String> fields = new HashMap<>();
        Flux<String> events = request.bodyToFlux(PartEvent.class).windowUntil(PartEvent::isLast)
                .concatMap(part -> part.switchOnFirst((first, all) -> {
                    PartEvent event = first.get();
                    if (event instanceof FormPartEvent field) {
                        fields.put(field.name(), field.value());
                        return all.then(Mono.<String>empty());
                    }
                    if (event instanceof FilePartEvent) {
                        return send(client, fields, all.map(PartEvent::content));
                    }
                    return all.then(Mono.<String>empty());
                }));
        return ServerResponse.ok().contentType(MediaType.APPLICATION_NDJSON).body(events, String.class);
    }

    private static Flux<String> send(ReactiveMediaWikiClient client, Map<String, String> fields,
            Flux<DataBuffer> content) {
        String name = fields.getOrDefault("filename", "");
        long size;
        try {
            size = Long.parseLong(fields.getOrDefault("size", "-1"));
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (name.isBlank() || size < 0) {
            return content.doOnNext(org.springframework.core.io.buffer.DataBufferUtils::release)
                    .thenMany(Flux.just(error("Give a file name and the file's size")));
        }
        UploadRequest upload = UploadRequest.of(name, UploadContent.of(content, size)).chunkSize(CHUNK_SIZE)
                .comment("Uploaded with the mwoauth demo").warningPolicy(UploadWarningPolicy.IGNORE);
        return client.uploads().uploadWithProgress(upload).map(UploadPage::line)
                .onErrorResume(UploadException.class, e -> Mono.just(error(e.code() + ": " + e.info())));
    }

    private static String line(UploadProgress p) {
        ObjectNode json = JSON.createObjectNode().put("stage", p.stage().name()).put("sent", p.bytesSent())
                .put("total", p.totalBytes());
        if (p.result() != null) {
            json.put("filename", p.result().filename()).put("sha1", p.result().sha1()).put("size", p.result().size())
                    .put("url", p.result().url());
        }
        return json + "\n";
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("stage", "error").put("message", message) + "\n";
    }

    private static final String PAGE = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>upload</title></head><body>
            <h1>Upload a file to the wiki</h1>
            <form id="form">
              <input type="file" id="file" name="file">
              <input type="text" id="filename" placeholder="name on the wiki">
              <button type="submit" id="send">Upload</button>
            </form>
            <p>to the wiki: <progress id="progress" max="1" value="0"></progress> <span id="stage"></span></p>
            <p id="result"></p>
            <p><a href="/">home</a></p>
            <script>
            document.getElementById('form').addEventListener('submit', function (event) {
              event.preventDefault();
              var file = document.getElementById('file').files[0];
              var name = document.getElementById('filename').value || file.name;
              var data = new FormData();
              data.append('filename', name);
              data.append('size', String(file.size));
              data.append('file', file, file.name);
              var xhr = new XMLHttpRequest();
              var seen = 0;
              function read() {
                var lines = xhr.responseText.substring(seen).split('\\n');
                for (var i = 0; i < lines.length - 1; i++) {
                  seen += lines[i].length + 1;
                  var e = JSON.parse(lines[i]);
                  document.getElementById('stage').textContent = e.stage;
                  if (e.total) { document.getElementById('progress').value = e.sent / e.total; }
                  if (e.stage === 'DONE') {
                    document.getElementById('result').innerHTML = '';
                    var done = document.createElement('span');
                    done.id = 'done';
                    done.textContent = 'uploaded ' + e.filename + ' (' + e.size + ' bytes, SHA-1 ' + e.sha1 + ')';
                    document.getElementById('result').appendChild(done);
                  }
                  if (e.stage === 'error') { document.getElementById('result').textContent = e.message; }
                }
              }
              xhr.upload.onprogress = function (p) {
                if (p.lengthComputable) { document.getElementById('stage').textContent = 'sending ' + p.loaded; }
              };
              xhr.onprogress = read;
              xhr.onload = read;
              xhr.open('POST', '/upload');
              xhr.send(data);
            });
            </script>
            </body></html>
            """;
}
