package dev.interlock.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntSupplier;

/** Netty glue: turns a request into an {@link ApiRequest}, runs it on a worker, writes the response. */
final class ControlHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final ControlApi api;
    private final ExecutorService workers;
    private final IntSupplier port;
    private final CompletableFuture<Void> gone = new CompletableFuture<>();

    ControlHandler(ControlApi api, ExecutorService workers, IntSupplier port) {
        this.api = api;
        this.workers = workers;
        this.port = port;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!req.decoderResult().isSuccess()) {
            write(ctx, ApiResponse.error(400, "malformed HTTP request"), false);
            return;
        }
        QueryStringDecoder qs = new QueryStringDecoder(req.uri());
        Map<String, String> query = new HashMap<>();
        for (Map.Entry<String, List<String>> e : qs.parameters().entrySet()) {
            query.put(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().get(0));
        }
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, String> h : req.headers()) {
            headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue());
        }
        ApiRequest r = new ApiRequest(req.method().name(), qs.path(), query, headers,
                ByteBufUtil.getBytes(req.content()), gone);
        try {
            workers.execute(() -> {
                ApiResponse out;
                try {
                    out = api.handle(r, port.getAsInt());
                } catch (RuntimeException e) {
                    out = ApiResponse.error(500, "internal error: " + e);
                }
                ApiResponse done = out;
                ctx.executor().execute(() -> write(ctx, done, keepAlive));
            });
        } catch (RejectedExecutionException e) {
            write(ctx, ApiResponse.error(503, "Interlock is overloaded; try again").with("X-Interlock-Exit", "2"), false);
        }
    }

    private static void write(ChannelHandlerContext ctx, ApiResponse r, boolean keepAlive) {
        if (!ctx.channel().isActive()) {
            return;
        }
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                Unpooled.wrappedBuffer(r.body()));
        resp.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        resp.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        r.headers().forEach((k, v) -> resp.headers().set(k, v));
        if (keepAlive) {
            resp.headers().set(HttpHeaderNames.CONNECTION, "keep-alive");
            ctx.writeAndFlush(resp);
        } else {
            resp.headers().set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        gone.complete(null);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
