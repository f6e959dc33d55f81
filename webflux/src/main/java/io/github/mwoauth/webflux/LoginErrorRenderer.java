package io.github.mwoauth.webflux;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Turns a {@link LoginError} into a response. The default, {@link #standard()}, writes HTML or JSON. */
@FunctionalInterface
public interface LoginErrorRenderer {

    Mono<ServerResponse> render(ServerRequest request, LoginError error);

    /** A small HTML page, or JSON when the client's {@code Accept} header prefers JSON to HTML. */
    static LoginErrorRenderer standard() {
        return StandardLoginErrorRenderer.INSTANCE;
    }
}
