package dev.caracal.app.server.http;

import dev.caracal.app.server.config.RequestLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Guards every connection. Ambiguous request paths and malformed media types are refused before anything else reads them ({@link RequestHeadGuard}).
 * The connections that idle, slow or silent clients would otherwise hold open are closed ({@link ConnectionLimits}):
 * an idle connection after {@code idle-timeout}; one whose request line and headers take longer than
 * {@code header-timeout} from their first byte (slowloris), with a 408; one whose body takes longer than
 * {@code body-timeout}; one over {@code max-connections}, with a 503; and one whose response has had bytes waiting to
 * be sent, without any progress, for {@code caracal.limits.stream-stall-timeout} (a client that stopped reading; the
 * request it was answering is cancelled with the connection, and paused in the engine until then). Each closing is
 * counted in {@code caracal_connections_closed_total{reason}}; {@code caracal_connections_open} is the number open.
 * Connections are closed lingering ({@link LingeringClose}), so that an answer given before its request body was read
 * still reaches the client.
 */
@Component
class ConnectionGuards implements NettyServerCustomizer {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuards.class);
    private static final String COUNT = "caracal.connectionCount";
    private static final String HEADER_BYTES = "caracal.headerBytes";
    private static final String HEADER_DONE = "caracal.headerDone";
    private static final String STALL = "caracal.stalledWrites";
    private static final String HEAD_GUARD = "caracal.requestHeadGuard";
    private static final String LINGER = "caracal.lingeringClose";

    private final ConnectionLimits limits;
    private final Duration stallTimeout;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, Counter> closed;

    ConnectionGuards(ConnectionLimits limits, RequestLimits requestLimits, MeterRegistry registry) {
        this.limits = limits;
        this.stallTimeout = requestLimits.streamStallTimeout();
        Gauge.builder("caracal.connections.open", open, AtomicInteger::get)
                .description("HTTP connections open").register(registry);
        this.closed = Map.of(
                "header_timeout", closedCounter(registry, "header_timeout"),
                "over_limit", closedCounter(registry, "over_limit"),
                "stalled", closedCounter(registry, "stalled"));
    }

    private static Counter closedCounter(MeterRegistry registry, String reason) {
        return Counter.builder("caracal.connections.closed")
                .description("Connections the server closed: header_timeout (request headers too slow), over_limit"
                        + " (max-connections), stalled (a response's client stopped reading)")
                .tag("reason", reason).register(registry);
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.idleTimeout(limits.idleTimeout())
                .requestTimeout(limits.bodyTimeout())
                .doOnChannelInit((observer, channel, remoteAddress) -> {
                    ChannelPipeline pipeline = channel.pipeline();
                    if (pipeline.get(NettyPipeline.HttpCodec) == null || pipeline.get(COUNT) != null) {
                        return;
                    }
                    HeaderDeadline deadline = new HeaderDeadline();
                    pipeline.addFirst(STALL, new StalledWrites(stallTimeout));
                    pipeline.addFirst(COUNT, new ConnectionCount());
                    pipeline.addFirst(LINGER, new LingeringClose());
                    pipeline.addBefore(NettyPipeline.HttpCodec, HEADER_BYTES, deadline.rawBytes());
                    pipeline.addAfter(NettyPipeline.HttpCodec, HEADER_DONE, deadline.decoded());
                    pipeline.addAfter(HEADER_DONE, HEAD_GUARD, new RequestHeadGuard());
                });
    }

    /** A response written straight to the socket, then the connection closed. */
    private static void refuse(ChannelHandlerContext context, String statusLine) {
        ByteBuf response = Unpooled.copiedBuffer("HTTP/1.1 " + statusLine + "\r\nConnection: close\r\n"
                + "Content-Length: 0\r\n\r\n", StandardCharsets.US_ASCII);
        context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** Counts open connections and refuses those over the limit. */
    private final class ConnectionCount extends ChannelInboundHandlerAdapter {
        private boolean seen;
        private boolean counted;

        @Override
        public void handlerAdded(ChannelHandlerContext context) {
            if (context.channel().isActive()) {
                opened(context); // added to a connection already active: its channelActive has passed
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext context) throws Exception {
            if (opened(context)) {
                super.channelActive(context);
            }
        }

        /** Counts the connection once; false (and it is refused) when it is over the limit. */
        private boolean opened(ChannelHandlerContext context) {
            if (seen) {
                return counted;
            }
            seen = true;
            if (open.incrementAndGet() > limits.maxConnections()) {
                open.decrementAndGet();
                closed.get("over_limit").increment();
                LOG.warn("refused a connection from {}: {} connections are open (caracal.server.max-connections)",
                        context.channel().remoteAddress(), limits.maxConnections());
                refuse(context, "503 Service Unavailable\r\nRetry-After: 1");
                return false;
            }
            counted = true;
            return true;
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) throws Exception {
            if (counted) {
                counted = false;
                open.decrementAndGet();
            }
            super.channelInactive(context);
        }
    }

    /**
     * The header time-out: starts at the first byte of a request (seen before the HTTP decoder) and ends when the
     * decoder has read its headers; between requests only the idle time-out applies.
     */
    private final class HeaderDeadline {
        private ScheduledFuture<?> timer;
        private boolean inRequest;

        ChannelInboundHandlerAdapter rawBytes() {
            return new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext context, Object message) {
                    if (!inRequest && timer == null && message instanceof ByteBuf bytes && bytes.isReadable()) {
                        timer = context.executor().schedule(() -> expire(context),
                                limits.headerTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    }
                    context.fireChannelRead(message);
                }

                @Override
                public void channelInactive(ChannelHandlerContext context) {
                    cancel();
                    context.fireChannelInactive();
                }
            };
        }

        ChannelDuplexHandler decoded() {
            return new ChannelDuplexHandler() {
                @Override
                public void channelRead(ChannelHandlerContext context, Object message) {
                    if (message instanceof HttpRequest) {
                        cancel();
                        inRequest = true;
                    }
                    context.fireChannelRead(message);
                }

                @Override
                public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
                    if (message instanceof LastHttpContent) {
                        inRequest = false;
                    }
                    context.write(message, promise);
                }
            };
        }

        private void expire(ChannelHandlerContext context) {
            timer = null;
            if (!inRequest && context.channel().isActive()) {
                closed.get("header_timeout").increment();
                LOG.info("closed a connection from {}: its request headers took longer than {}"
                        + " (caracal.server.header-timeout)", context.channel().remoteAddress(),
                        limits.headerTimeout());
                refuse(context, "408 Request Timeout");
            }
        }

        private void cancel() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }

    /**
     * Closes a connection whose response has had bytes waiting, with no write progress, for the stall time-out:
     * Netty's writer-idle event with output observed, when bytes are pending. A response that is merely slow to
     * produce (nothing pending) is left alone.
     */
    private final class StalledWrites extends IdleStateHandler {

        StalledWrites(Duration timeout) {
            super(true, 0, timeout.toMillis(), 0, TimeUnit.MILLISECONDS);
        }

        @Override
        protected void channelIdle(ChannelHandlerContext context, IdleStateEvent event) {
            if (event.state() != IdleState.WRITER_IDLE) {
                return;
            }
            ChannelOutboundBuffer pending = context.channel().unsafe().outboundBuffer();
            if (pending != null && pending.totalPendingWriteBytes() > 0) {
                closed.get("stalled").increment();
                LOG.info("closed a connection from {}: its client read nothing of the response for {}"
                        + " (caracal.limits.stream-stall-timeout); its request is cancelled",
                        context.channel().remoteAddress(), stallTimeout);
                context.channel().attr(LingeringClose.ABORT).set(true);
                context.close();
            }
        }
    }
}
