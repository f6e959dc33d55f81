package io.github.mwoauth.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.support.Netty4HeadersAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

/**
 * One exchange straight on Reactor Netty's {@link HttpClient}, for a client given no {@code WebClient.Builder}: the
 * same request and the same {@link WikiResponse} as through {@code WebClient}, without its request and response
 * adapters, codecs, attributes and checkpoints, which cost more CPU than the rest of a signed call.
 */
final class DirectExchange {

    private DirectExchange() {
    }

    /**
     * Sends the request and reads the whole answer, failing with {@link DataBufferLimitException} once it holds
     * more than {@code maxResponseBytes}.
     *
     * @param body the body and its length ({@code -1}: unknown, sent chunked), or null for none
     */
    static Mono<WikiResponse> send(HttpClient client, HttpMethod method, URI uri, String userAgent,
            @Nullable String authorization, @Nullable String contentType, @Nullable Flux<DataBuffer> body, long length,
            int maxResponseBytes) {
        return client.request(io.netty.handler.codec.http.HttpMethod.valueOf(method.name()))
                .uri(uri)
                .send((request, outbound) -> {
                    HttpHeaders headers = request.requestHeaders();
                    headers.set(HttpHeaderNames.USER_AGENT, userAgent);
                    if (authorization != null) {
                        headers.set(HttpHeaderNames.AUTHORIZATION, authorization);
                    }
                    if (body == null) {
                        return outbound;
                    }
                    if (contentType != null) {
                        headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
                    }
                    if (length >= 0) {
                        headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
                    } else {
                        request.header(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
                    }
                    return outbound.send(body.map(NettyDataBufferFactory::toByteBuf));
                })
                .response((response, content) -> content.reduceWith(() -> new Answer(maxResponseBytes), Answer::add)
                        .map(answer -> answer.response(response)))
                .single();
    }

    /** The answer's bytes as they arrive, up to a limit. */
    private static final class Answer {

        private final int max;
        private byte[] bytes = new byte[0];
        private int size;

        Answer(int max) {
            this.max = max;
        }

        Answer add(ByteBuf chunk) {
            int n = chunk.readableBytes();
            if (n > max - size) {
                throw new DataBufferLimitException("Exceeded limit on max bytes to buffer : " + max);
            }
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + n, Math.min(max, Math.max(1024, bytes.length * 2))));
            }
            chunk.readBytes(bytes, size, n);
            size += n;
            return this;
        }

        WikiResponse response(HttpClientResponse response) {
            return new WikiResponse(response.status().code(),
                    new org.springframework.http.HttpHeaders(new Netty4HeadersAdapter(response.responseHeaders())),
                    size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
        }
    }
}
