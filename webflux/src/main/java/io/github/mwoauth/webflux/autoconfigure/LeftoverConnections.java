package io.github.mwoauth.webflux.autoconfigure;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;
import reactor.netty.FutureMono;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServer;

/**
 * Closes the connections Spring Boot's Reactor Netty server leaves open when it stops, before the beans its
 * requests use (the Redis connection among them) stop.
 *
 * <p>At a graceful shutdown the server stops listening, finishes its requests and closes its connections; but a
 * connection it did not see then (accepted while the listening socket was closing) stays open, and its web server
 * stop does not look again (Reactor Netty's {@code disposeNow} returns at once once the listening socket is
 * closed). A proxy that keeps connections alive (nginx's {@code keepalive}) goes on sending requests on it, which
 * are served while Spring Data Redis's connection factory stops: they answer 503 ("LettuceConnectionFactory is
 * STOPPING"). This lifecycle tracks every connection and, right after the web server's stop phase, waits for the
 * requests still under way on those left (at most {@code timeout}) and closes them; a proxy then sends the next
 * request to another instance.
 */
public class LeftoverConnections implements NettyServerCustomizer, SmartLifecycle {

    /** Right after Spring Boot's web server stop phase (the graceful shutdown's phase less 1024), before others. */
    public static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024 - 1;

    private static final Logger log = LoggerFactory.getLogger(LeftoverConnections.class);

    private final ChannelGroup open = new DefaultChannelGroup("mediawiki-server-connections",
            GlobalEventExecutor.INSTANCE);
    private final Duration timeout;
    private volatile boolean running;

    /** Waits at most {@code timeout} for requests under way on the connections left open. */
    public LeftoverConnections(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        // at accept, before any request: a connection whose first request is under way is tracked too
        return server.doOnChannelInit((observer, channel, address) -> open.add(channel));
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public void stop(Runnable callback) {
        running = false;
        List<Mono<Void>> closing = new ArrayList<>();
        for (Channel channel : open) {
            ChannelOperations<?, ?> request = ChannelOperations.get(channel);
            Mono<Void> finished = request == null ? Mono.empty() : request.onTerminate();
            closing.add(finished.timeout(timeout, Mono.empty()).onErrorComplete()
                    .then(FutureMono.deferFuture(channel::close)).onErrorComplete());
        }
        if (!closing.isEmpty()) {
            log.info("Closing {} connection(s) left open after the web server stopped", closing.size());
        }
        Mono.when(closing).doFinally(signal -> callback.run()).subscribe();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
