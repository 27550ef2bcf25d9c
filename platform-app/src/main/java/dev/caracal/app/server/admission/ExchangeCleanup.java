package dev.caracal.app.server.admission;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The backstop of admission: when an exchange ends (response written, failed, or the client gone), every request
 * admitted for it is finished, so that no reservation, token charge or permit outlives its exchange, even when the
 * response's body was never subscribed to.
 */
@Component
@Order(-1)
class ExchangeCleanup implements WebFilter {

    private static final String ATTRIBUTE = ExchangeCleanup.class.getName();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).doFinally(signal -> {
            Queue<Admitted> admitted = exchange.getAttribute(ATTRIBUTE);
            if (admitted != null) {
                admitted.forEach(Admitted::abandon);
            }
        });
    }

    /** Finishes {@code admitted} when {@code exchange} ends, unless it was finished before. */
    static void register(ServerWebExchange exchange, Admitted admitted) {
        exchange.getAttributes().computeIfAbsent(ATTRIBUTE, key -> new ConcurrentLinkedQueue<Admitted>());
        Queue<Admitted> queue = exchange.getAttribute(ATTRIBUTE);
        queue.add(admitted);
    }
}
