package dev.caracal.app.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection the way HTTP asks (RFC 9112, 9.6): first the sending half, then, once the client has closed its
 * half or {@link #LINGER_MILLIS} have passed, the rest, reading and dropping whatever the client still sends meanwhile.
 * Closed at once with unread bytes waiting (a request body the server answered without reading: a 401, a 404, a
 * refused path), a connection is reset, and the reset can destroy the answer before the client reads it. The sending
 * half is closed once what was written before has gone out. A connection marked {@link #ABORT} (a client that stopped
 * reading) is closed at once. Sits first in the pipeline, so that it sees every close and no dropped byte reaches the
 * HTTP decoder.
 */
final class LingeringClose extends ChannelDuplexHandler {

    /** The longest a closing connection waits for its client to close its side. */
    static final long LINGER_MILLIS = 2_000;

    /** Set on a channel to close it at once, dropping what it has not sent. */
    static final AttributeKey<Boolean> ABORT = AttributeKey.valueOf("caracal.abort");

    private boolean lingering;
    private ChannelPromise closing;

    @Override
    public void close(ChannelHandlerContext context, ChannelPromise promise) {
        if (lingering) {
            closing.addListener(done -> promise.trySuccess());
            return;
        }
        if (!(context.channel() instanceof SocketChannel socket) || !socket.isActive() || socket.isOutputShutdown()
                || Boolean.TRUE.equals(socket.attr(ABORT).get())) {
            context.close(promise);
            return;
        }
        lingering = true;
        closing = promise;
        socket.config().setAutoRead(true);
        context.read();
        // Written after everything before it: when it is done, the answer has gone out and the sending half can close.
        context.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (written.isSuccess()) {
                socket.shutdownOutput().addListener(shut -> {
                    if (!shut.isSuccess()) {
                        context.close(closing);
                    }
                });
            } else {
                context.close(closing);
            }
        });
        context.executor().schedule(() -> {
            if (context.channel().isOpen()) {
                context.close(closing);
            }
        }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (lingering) {
            ReferenceCountUtil.release(message); // what the client sends after the answer: dropped
            return;
        }
        context.fireChannelRead(message);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (lingering && event instanceof ChannelInputShutdownEvent) {
            context.close(closing); // the client closed its side
            return;
        }
        super.userEventTriggered(context, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        if (lingering) {
            closing.trySuccess();
        }
        super.channelInactive(context);
    }
}
