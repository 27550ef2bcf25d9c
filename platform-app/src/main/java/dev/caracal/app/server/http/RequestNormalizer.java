package dev.caracal.app.server.http;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Two small normalizations before any handler (malformed media types were refused before, by
 * {@link RequestHeadGuard}): {@code HEAD} is answered as {@code GET} without the body (the server's HTTP adapter drops
 * what a {@code HEAD} response writes), so every {@code GET} endpoint answers {@code HEAD}; and a blank {@code Accept}
 * counts as none (Spring Boot's Prometheus endpoint fails on an empty one).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestNormalizer implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String accept = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT);
        boolean blankAccept = accept != null && accept.isBlank();
        boolean head = HttpMethod.HEAD.equals(exchange.getRequest().getMethod());
        if (head || blankAccept) {
            exchange = exchange.mutate().request(request -> {
                if (head) {
                    request.method(HttpMethod.GET);
                }
                if (blankAccept) {
                    request.headers(mutable -> mutable.remove(HttpHeaders.ACCEPT));
                }
            }).build();
        }
        return chain.filter(exchange);
    }
}
