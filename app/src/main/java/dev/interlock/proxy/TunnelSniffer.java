package dev.interlock.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the first bytes a client sends into a tunnel: whether they are a TLS ClientHello and which server name it
 * asks for. {@link Plan#prepare} says whether to terminate TLS (returning the certificate context, which may still be
 * minted off the event loop: reads wait meanwhile) or relay ({@code null}); {@link Plan#then} must then remove this
 * handler, and what it buffered flows on to the next handler. Netty's parser fails closed on malformed or empty
 * handshake records (the connection is closed).
 */
final class TunnelSniffer extends AbstractSniHandler<SslContext> {
    interface Plan {
        /**
         * @param tls the client started with a TLS ClientHello
         * @param sni the server name it asked for, {@code null} when none (or not TLS)
         * @return the TLS context to terminate with, or {@code null} to relay the bytes as they are
         */
        CompletableFuture<SslContext> prepare(boolean tls, String sni);

        /** {@code terminate} is the prepared context, or {@code null} to relay. */
        void then(ChannelHandlerContext ctx, String sni, SslContext terminate);

        void failed(ChannelHandlerContext ctx, Throwable cause);
    }

    private final Plan plan;
    private boolean tls;
    private boolean decided;

    TunnelSniffer(Plan plan) {
        super(64 * 1024, 0L); // no time limit of its own: the connection's idle timeout applies
        this.plan = plan;
    }

    @Override
    protected Future<SslContext> lookup(ChannelHandlerContext ctx, ByteBuf clientHello) throws Exception {
        tls = clientHello != null;
        return super.lookup(ctx, clientHello);
    }

    @Override
    protected Future<SslContext> lookup(ChannelHandlerContext ctx, String hostname) {
        Promise<SslContext> p = ctx.executor().newPromise();
        CompletableFuture<SslContext> f = plan.prepare(tls, hostname);
        if (f == null) {
            return p.setSuccess(null);
        }
        f.whenComplete((c, e) -> {
            if (e != null) {
                p.tryFailure(e);
            } else {
                p.trySuccess(c);
            }
        });
        return p;
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<SslContext> future) {
        if (decided) {
            return;
        }
        decided = true;
        if (!future.isSuccess()) {
            plan.failed(ctx, future.cause());
            return;
        }
        plan.then(ctx, hostname, future.getNow());
    }
}
