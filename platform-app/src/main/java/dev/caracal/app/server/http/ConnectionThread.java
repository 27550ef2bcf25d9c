package dev.caracal.app.server.http;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * The thread that writes an exchange's connection (its Netty event loop), as a scheduler: the engine delivers a
 * request's chunks there, so a token reaches the socket with one thread hand-off instead of two (measured with
 * {@code caracal bench-serve}: on two cores every extra wake-up per token takes time from the model's threads).
 */
public final class ConnectionThread {

    private ConnectionThread() {
    }

    /** The exchange's event loop; Reactor's parallel scheduler when the exchange has no Netty connection. */
    public static Scheduler of(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (nativeRequest instanceof Connection connection) {
            return Schedulers.fromExecutor(connection.channel().eventLoop());
        }
        return Schedulers.parallel();
    }
}
