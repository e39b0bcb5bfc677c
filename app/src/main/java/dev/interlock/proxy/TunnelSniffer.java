package dev.interlock.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.util.concurrent.Future;

/**
 * Reads the first bytes a client sends into a tunnel and reports whether they are a TLS ClientHello and which server
 * name it asks for. The callback must remove this handler; what it buffered then flows on to the next handler.
 * Netty's parser fails closed on malformed or empty handshake records (the connection is closed).
 */
final class TunnelSniffer extends AbstractSniHandler<Void> {
    @FunctionalInterface
    interface Then {
        /**
         * @param tls the client started with a TLS ClientHello
         * @param sni the server name it asked for, {@code null} when none (or not TLS)
         */
        void decided(ChannelHandlerContext ctx, boolean tls, String sni);
    }

    private final Then then;
    private boolean tls;

    TunnelSniffer(Then then) {
        super(64 * 1024, 0L); // no time limit of its own: the connection's idle timeout applies
        this.then = then;
    }

    @Override
    protected Future<Void> lookup(ChannelHandlerContext ctx, ByteBuf clientHello) throws Exception {
        tls = clientHello != null;
        return super.lookup(ctx, clientHello);
    }

    @Override
    protected Future<Void> lookup(ChannelHandlerContext ctx, String hostname) {
        return ctx.executor().newSucceededFuture(null);
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<Void> future) {
        then.decided(ctx, tls, hostname);
    }
}
