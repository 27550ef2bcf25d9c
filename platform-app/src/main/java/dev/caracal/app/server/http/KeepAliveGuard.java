package dev.caracal.app.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Keeps keep-alive connections reading. Reactor Netty 1.3.6 buffers a request that arrives on a keep-alive connection
 * before the previous exchange has terminated, together with its content; when that request's exchange terminates
 * while some of its content is still buffered (an answer given at once or before the body was read: 401, 404, 415, a
 * small GET), the rest is drained without asking the connection for more, and the next request on it waits until
 * the client gives up (reactor/reactor-netty#4361 and #4347, fixed after 1.3.8). So after the last part of every
 * response the connection is asked to read once more: harmless when a read is pending or nothing arrives, and the
 * next request is read where it would otherwise hang.
 */
@Component
class KeepAliveGuard implements NettyServerCustomizer {

    private static final String NAME = "caracal.readAfterResponse";

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null
                    && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpTrafficHandler, NAME, new ReadAfterResponse());
            }
        });
    }

    /** Asks for one more read once the last part of a response has been written. */
    private static final class ReadAfterResponse extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            boolean last = message instanceof LastHttpContent;
            context.write(message, promise);
            if (last) {
                context.executor().execute(() -> {
                    if (context.channel().isActive()) {
                        context.channel().read();
                    }
                });
            }
        }

        @Override
        public boolean isSharable() {
            return false;
        }
    }
}
