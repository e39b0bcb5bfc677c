package dev.interlock.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/** One direction of a blind tunnel: bytes in, bytes out to the other side, with back-pressure. No decryption. */
final class Relay extends ChannelInboundHandlerAdapter {
    private final Channel other;
    private boolean relayedAny;
    private Runnable onFirstBytes;

    Relay(Channel other) {
        this.other = other;
    }

    /** Runs once, before the first bytes are passed on. */
    void onFirstBytes(Runnable r) {
        onFirstBytes = r;
    }

    boolean relayedAny() {
        return relayedAny;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!other.isActive() || !(msg instanceof io.netty.buffer.ByteBuf)) {
            // not bytes: the empty end of the HTTP response that preceded a protocol switch
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!relayedAny) {
            relayedAny = true;
            Runnable first = onFirstBytes;
            onFirstBytes = null;
            if (first != null) {
                first.run();
            }
        }
        other.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                ctx.close();
            }
        });
        if (!other.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // This side drained: the other side may read again.
        other.config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (other.isActive()) {
            other.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
