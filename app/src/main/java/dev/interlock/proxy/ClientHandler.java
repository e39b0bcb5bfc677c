package dev.interlock.proxy;

import dev.interlock.action.HttpCall;
import dev.interlock.action.Origin;
import dev.interlock.broker.Resolution;
import dev.interlock.policy.Decision;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.Severity;
import dev.interlock.policy.Span;
import dev.interlock.policy.Verdict;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One client connection's HTTP side, either as a forward proxy (plain {@code http://} requests and CONNECT) or,
 * after a CONNECT to an inspected host, as the TLS-terminated end of that tunnel. The channel does not auto-read:
 * this handler asks for one message at a time, so a request is held (and its body back-pressured) while the guard
 * decides, and pipelined requests wait their turn. While a complete request is held a read stays outstanding, so
 * a client that hangs up is noticed and the decision cancelled.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(ClientHandler.class.getName());

    private enum State { IDLE, CONNECTING_TUNNEL, READING_BODY, DECIDING, FORWARDING, LOCAL, DISCARDING, CLOSED }

    static final long LINGER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final long LINGER_MAX_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final long LINGER_MAX_BYTES = 1L << 30;

    private final ProxyServer.Runtime rt;
    /** The intercepted host (the name the client uses), or {@code null} in forward-proxy mode. */
    private final Target fixed;
    /** Where an intercepted connection's requests are sent: the CONNECT's host, which may be an address. */
    private final String connectHost;
    /** The name came from the client's TLS server name, not the CONNECT: its port is the client's business. */
    private final boolean namedBySni;
    private final ArrayDeque<Object> inbox = new ArrayDeque<>();
    private Origin origin;
    private ChannelHandlerContext ctx;
    private State state = State.IDLE;
    private boolean readPending;
    private Exchange ex;
    private Channel upstream;
    private Target upstreamTarget;
    private boolean upstreamReusable;
    private long lingerUntil;
    private long lingerLastRead;
    private long lingerBytes;

    /** One request/response in flight. */
    private static final class Exchange {
        final HttpRequest request;
        final Target target;
        final boolean guarded;
        final boolean keepAlive;
        CompositeByteBuf held;
        boolean truncated;
        boolean requestDone;
        HttpCall call;
        Resolution resolution;
        Future<?> decision;
        final CompletableFuture<Void> clientGone = new CompletableFuture<>();
        boolean responseStarted;
        boolean responseDone;
        boolean headSent;
        Origin origin;
        boolean responseKeepAlive;
        int status;
        long bytes;

        Exchange(HttpRequest request, Target target, boolean guarded) {
            this.request = request;
            this.target = target;
            this.guarded = guarded;
            this.keepAlive = HttpUtil.isKeepAlive(request);
        }
    }

    ClientHandler(ProxyServer.Runtime rt, Target fixed) {
        this(rt, fixed, fixed == null ? null : fixed.host(), false, new Origin("proxy", null, null, null, null));
    }

    private ClientHandler(ProxyServer.Runtime rt, Target fixed, String connectHost, boolean namedBySni, Origin origin) {
        this.rt = rt;
        this.fixed = fixed;
        this.connectHost = connectHost;
        this.namedBySni = namedBySni;
        this.origin = origin;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            requestRead();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        requestRead();
        ctx.fireChannelActive();
    }

    // ---------------------------------------------------------------- inbound from the client

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        readPending = false;
        if (state == State.CLOSED) {
            ReferenceCountUtil.release(msg);
            return;
        }
        inbox.add(msg);
        drain();
    }

    private void drain() {
        while (!inbox.isEmpty() && state != State.CLOSED) {
            Object msg = inbox.peek();
            if (state == State.DISCARDING) {
                // The answer went out; the rest of the refused body is read and dropped so the client sees it.
                inbox.poll();
                boolean last = msg instanceof LastHttpContent;
                if (msg instanceof HttpContent c) {
                    lingerBytes += c.content().readableBytes();
                }
                lingerLastRead = System.nanoTime();
                ReferenceCountUtil.release(msg);
                if (last) {
                    state = State.CLOSED;
                    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                } else if (lingerBytes > LINGER_MAX_BYTES) {
                    closeNow();
                }
                continue;
            }
            if (state == State.CONNECTING_TUNNEL) {
                if (pendingConnect != null && msg instanceof LastHttpContent) {
                    inbox.poll();
                    ReferenceCountUtil.release(msg);
                    Runnable then = pendingConnect;
                    pendingConnect = null;
                    then.run();
                    continue;
                }
                break;
            }
            if (msg instanceof HttpRequest req) {
                if (state != State.IDLE) {
                    break; // a pipelined request waits until the current exchange is over
                }
                inbox.poll();
                onRequest(req);
                continue;
            }
            if (msg instanceof HttpContent content) {
                if (ex == null || ex.requestDone) {
                    inbox.poll();
                    content.release(); // the rest of a request that was already answered
                    continue;
                }
                if (state == State.READING_BODY || state == State.FORWARDING && ex.headSent) {
                    inbox.poll();
                    onContent(content);
                    continue;
                }
                break; // body while the guard decides: it stays in the socket (back-pressure)
            }
            ReferenceCountUtil.release(inbox.poll());
        }
        if (inbox.isEmpty() && wantsRead()) {
            requestRead();
        }
    }

    private boolean wantsRead() {
        return switch (state) {
            case IDLE, READING_BODY -> true;
            // A complete request is held: keep one read outstanding to notice a hang-up.
            case DECIDING -> ex != null && ex.requestDone;
            case FORWARDING -> ex != null && ex.headSent && (ex.requestDone || upstream == null || upstream.isWritable());
            case CONNECTING_TUNNEL -> pendingConnect != null;
            case DISCARDING -> true;
            case LOCAL, CLOSED -> false;
        };
    }

    private void requestRead() {
        if (!readPending && ctx != null && ctx.channel().isActive()) {
            readPending = true;
            ctx.read();
        }
    }

    private void onRequest(HttpRequest req) {
        DecoderResult dr = req.decoderResult();
        if (dr.isFailure()) {
            rejectMalformed(req, dr.cause());
            return;
        }
        if (req.method() == HttpMethod.CONNECT) {
            if (fixed != null) {
                localThenClose(req, HttpResponseStatus.BAD_REQUEST, "nested_connect",
                        "CONNECT inside an intercepted connection is not supported");
                return;
            }
            onConnect(req);
            return;
        }
        Target target = fixed != null ? fixed : Target.absolute(req.uri());
        if (target == null) {
            localThenClose(req, HttpResponseStatus.BAD_REQUEST, "not_a_proxy_request",
                    "this is Interlock's HTTP proxy on 127.0.0.1; send absolute URLs or CONNECT (set HTTPS_PROXY, "
                            + "see `interlock env`), not '" + clip(req.uri()) + "'");
            return;
        }
        if (fixed != null) {
            Target named = Target.absolute(req.uri());
            String hostHeader = req.headers().get(HttpHeaderNames.HOST);
            if (named != null && !sameTarget(named, fixed)
                    || hostHeader != null && !sameHost(hostHeader, fixed)) {
                localThenClose(req, HttpResponseStatus.MISDIRECTED_REQUEST, "host_mismatch",
                        "the request names " + clip(hostHeader != null ? hostHeader : req.uri()) + " but its TLS "
                                + "connection was opened to " + (namedBySni ? fixed.host() : fixed.key())
                                + "; Interlock sends a request only to the server it names (use the host name in "
                                + "the URL)");
                return;
            }
        }
        captureProxyIdentity(req);
        boolean guarded = fixed != null || rt.config().inspect().inspects(target.host());
        ex = new Exchange(req, target, guarded);
        // A WebSocket upgrade is an ordinary request to the guard; once the server switches, bytes are relayed
        // (see switchToWebSocket). Any other upgrade (h2c, …) is dropped on the way: the server answers in HTTP/1.1.
        if (guarded) {
            ex.held = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
            state = State.READING_BODY;
        } else {
            // Not a host any policy cares about (plain http only; https to such hosts is tunnelled): just relay.
            state = State.FORWARDING;
            forward();
        }
    }

    private void onContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            content.release();
            rejectMalformed(ex.request, content.decoderResult().cause());
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (state == State.READING_BODY) {
            ByteBuf data = content.content();
            int room = rt.config().maxBodyBytes() - ex.held.readableBytes();
            if (data.readableBytes() > room) {
                // Keep the first part for the guard; the rest waits in the socket until the guard has spoken.
                ex.held.addComponent(true, data.retainedSlice(data.readerIndex(), room));
                ex.truncated = true;
                ByteBuf rest = data.retainedSlice(data.readerIndex() + room, data.readableBytes() - room);
                HttpContent remainder = last ? new DefaultLastHttpContent(rest) : new DefaultHttpContent(rest);
                if (last) {
                    ((LastHttpContent) remainder).trailingHeaders().set(((LastHttpContent) content).trailingHeaders());
                }
                content.release();
                inbox.addFirst(remainder);
                decide();
                return;
            }
            ex.held.addComponent(true, data.retain());
            content.release();
            if (last) {
                ex.requestDone = true;
                decide();
            }
            return;
        }
        // FORWARDING: the rest of a body, streamed upstream now that the request is allowed.
        if (last) {
            ex.requestDone = true;
        }
        if (upstream != null && upstream.isActive()) {
            upstream.writeAndFlush(content).addListener(writeFailureCloses());
        } else {
            content.release();
        }
    }

    // ---------------------------------------------------------------- the guard

    private void decide() {
        state = State.DECIDING;
        byte[] body = ByteBufUtil.getBytes(ex.held);
        Exchange current = ex;
        try {
            current.call = HttpCalls.of(current.request, current.target, body, current.truncated,
                    rt.config().maxBodyBytes());
        } catch (RuntimeException e) {
            rejectMalformed(current.request, e);
            return;
        }
        Origin who = new Origin(origin.agent(), origin.sessionId(), "proxy-" + rt.requestIds().incrementAndGet(),
                origin.workspace(), origin.pid());
        current.origin = who;
        try {
            current.decision = rt.decisions().submit(() -> {
                Resolution r;
                try {
                    r = rt.guard().decide(current.call, who, current.clientGone);
                    if (r == null) {
                        r = failClosed(current.call, "the guard gave no answer");
                    }
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "proxy: the guard failed on " + current.call.method() + " "
                            + current.target.key() + "; the request was refused", e);
                    r = failClosed(current.call, "the guard failed: " + e);
                }
                Resolution done = r;
                ctx.executor().execute(() -> onResolution(current, done));
            });
        } catch (RejectedExecutionException e) {
            report(current, null, ProxyExchange.Outcome.REFUSED, 503, "too many requests waiting for the guard");
            localResponse(current.request, LocalResponses.error(current.request, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "too_many_pending", "too many requests are waiting for a decision; retry later"), true);
        }
    }

    static Resolution failClosed(HttpCall call, String why) {
        RuleMatch m = new RuleMatch("interlock", "proxy-guard-failed", Severity.HIGH, Verdict.DENY,
                "Interlock could not decide on this request, so it was not sent.",
                Span.of("url", call.url(), 0, call.url().length()), null);
        return new Resolution(Verdict.DENY, Decision.of(List.of(m)), "policy", null, null, why);
    }

    private void onResolution(Exchange current, Resolution r) {
        current.resolution = r;
        if (current != ex || state == State.CLOSED || !ctx.channel().isActive()) {
            // The client hung up while this was held: nothing is sent, whatever the answer.
            report(current, r, ProxyExchange.Outcome.CLIENT_GONE, 0, "the client disconnected before the answer");
            releaseHeld(current);
            return;
        }
        if (!r.allowed()) {
            releaseHeld(current);
            report(current, r, ProxyExchange.Outcome.BLOCKED, 403, null);
            localResponse(current.request, LocalResponses.blocked(current.request, r), !current.requestDone);
            return;
        }
        state = State.FORWARDING;
        forward();
    }

    private void releaseHeld(Exchange e) {
        if (e.held != null && e.held.refCnt() > 0) {
            e.held.release();
        }
    }

    // ---------------------------------------------------------------- upstream

    private void forward() {
        Exchange current = ex;
        if (upstream != null && upstream.isActive() && upstreamReusable && current.target.equals(upstreamTarget)) {
            sendRequest(current);
            return;
        }
        if (upstream != null) {
            upstream.close();
        }
        upstreamReusable = false;
        upstreamTarget = current.target;
        String host = fixed != null ? connectHost : current.target.host();
        InetSocketAddress address = rt.config().upstream().address(host, current.target.port());
        Bootstrap b = new Bootstrap()
                .group(ctx.channel().eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) rt.config().connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (current.target.tls()) {
                            p.addLast("tls", rt.config().upstream().tls().newHandler(ch.alloc(),
                                    current.target.host(), current.target.port()));
                        }
                        p.addLast("codec", new HttpClientCodec(16 * 1024, 64 * 1024, 64 * 1024));
                        p.addLast("upstream", new UpstreamHandler());
                    }
                });
        ChannelFuture cf = b.connect(address);
        upstream = cf.channel();
        cf.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                upstreamFailed(current, "cannot connect to " + current.target.key() + ": " + describe(f.cause()));
                return;
            }
            SslHandler tls = f.channel().pipeline().get(SslHandler.class);
            if (tls == null) {
                sendRequest(current);
                return;
            }
            tls.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    sendRequest(current);
                } else {
                    upstreamFailed(current, "TLS with " + current.target.key() + " failed: " + describe(h.cause()));
                }
            });
        });
    }

    private void sendRequest(Exchange current) {
        if (current != ex || state == State.CLOSED) {
            return;
        }
        HttpRequest in = current.request;
        HttpRequest out = new DefaultHttpRequest(HttpVersion.HTTP_1_1, in.method(), Target.originForm(in.uri()));
        copyEndToEnd(in.headers(), out.headers());
        if (HttpUtil.isTransferEncodingChunked(in)) {
            HttpUtil.setTransferEncodingChunked(out, true);
        }
        if (!out.headers().contains(HttpHeaderNames.HOST)) {
            out.headers().set(HttpHeaderNames.HOST, current.target.base().replaceFirst("^https?://", ""));
        }
        if (isWebSocketUpgrade(in)) {
            out.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        }
        upstream.write(out);
        if (current.held != null) {
            ByteBuf held = current.held;
            current.held = null;
            upstream.write(current.requestDone ? new DefaultLastHttpContent(held) : new DefaultHttpContent(held));
        }
        upstream.flush();
        current.headSent = true;
        drain(); // streams the rest of the body, or keeps a read outstanding to notice a hang-up
    }

    private void upstreamFailed(Exchange current, String problem) {
        if (current != ex || state == State.CLOSED) {
            return;
        }
        LOG.log(System.Logger.Level.WARNING, () -> "proxy: " + current.request.method() + " to " + current.target.key()
                + " failed upstream: " + problem);
        releaseHeld(current);
        if (current.responseStarted) {
            report(current, current.resolution, ProxyExchange.Outcome.UPSTREAM_FAILED, current.status, problem);
            closeNow();
            return;
        }
        report(current, current.resolution, ProxyExchange.Outcome.UPSTREAM_FAILED, 502, problem);
        localResponse(current.request, LocalResponses.error(current.request, HttpResponseStatus.BAD_GATEWAY,
                "upstream_unreachable", problem), true);
    }

    /** Relays the upstream response to the client, with back-pressure both ways. */
    private final class UpstreamHandler extends ChannelInboundHandlerAdapter {
        private boolean upstreamKeepAlive;

        @Override
        public void channelRead(ChannelHandlerContext uctx, Object msg) {
            Exchange current = ex;
            if (current == null || state == State.CLOSED || state != State.FORWARDING) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                upstreamFailed(current, "the server sent a malformed response: " + describe(o.decoderResult().cause()));
                uctx.close();
                return;
            }
            if (msg instanceof HttpResponse resp) {
                if (resp.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                    switchToWebSocket(uctx, current, resp);
                    return;
                }
                if (resp.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                    ReferenceCountUtil.release(msg); // 100 Continue: the proxy answered the client's Expect itself
                    return;
                }
                current.responseStarted = true;
                current.status = resp.status().code();
                upstreamKeepAlive = HttpUtil.isKeepAlive(resp);
                HttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, resp.status());
                copyEndToEnd(resp.headers(), out.headers());
                boolean framed = HttpUtil.isTransferEncodingChunked(resp) || HttpUtil.isContentLengthSet(resp)
                        || current.request.method() == HttpMethod.HEAD || current.status == 204 || current.status == 304;
                if (HttpUtil.isTransferEncodingChunked(resp)) {
                    HttpUtil.setTransferEncodingChunked(out, true);
                }
                current.responseKeepAlive = current.keepAlive && framed;
                HttpUtil.setKeepAlive(out, current.responseKeepAlive);
                ctx.write(out);
                if (!(msg instanceof HttpContent)) {
                    return;
                }
            }
            if (msg instanceof HttpContent content) {
                current.bytes += content.content().readableBytes();
                boolean last = content instanceof LastHttpContent;
                HttpContent relay = last ? new DefaultLastHttpContent(content.content().retain())
                        : new DefaultHttpContent(content.content().retain());
                if (last) {
                    ((LastHttpContent) relay).trailingHeaders().set(((LastHttpContent) content).trailingHeaders());
                }
                ReferenceCountUtil.release(msg);
                ChannelFuture w = ctx.writeAndFlush(relay);
                if (!ctx.channel().isWritable()) {
                    uctx.channel().config().setAutoRead(false);
                }
                if (last) {
                    current.responseDone = true;
                    upstreamReusable = upstreamKeepAlive && current.requestDone;
                    report(current, current.resolution, ProxyExchange.Outcome.FORWARDED, current.status, null);
                    if (!upstreamReusable) {
                        uctx.close();
                    }
                    finishExchange(w, current.responseKeepAlive && current.requestDone);
                }
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        /**
         * The server accepted an allowed WebSocket upgrade: the 101 goes to the client, then both connections drop
         * their HTTP layers and become a byte relay (TLS stays on each side). The guard decided on the upgrade
         * request; the messages after it are not inspected.
         */
        private void switchToWebSocket(ChannelHandlerContext uctx, Exchange current, HttpResponse resp) {
            ReferenceCountUtil.release(resp);
            if (!isWebSocketUpgrade(current.request) || !current.requestDone
                    || !resp.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
                upstreamFailed(current, "the server switched protocols without a WebSocket upgrade being asked for");
                uctx.close();
                return;
            }
            FullHttpResponse out = new io.netty.handler.codec.http.DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.SWITCHING_PROTOCOLS);
            copyEndToEnd(resp.headers(), out.headers());
            out.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            current.responseStarted = true;
            current.responseDone = true;
            current.status = 101;
            report(current, current.resolution, ProxyExchange.Outcome.FORWARDED, 101, null);
            releaseHeld(current);
            ex = null;
            state = State.CLOSED;
            Channel client = ctx.channel();
            Channel server = uctx.channel();
            upstream = null;
            ctx.writeAndFlush(out); // encoded by the HTTP codec before it is removed below

            ChannelPipeline sp = uctx.pipeline();
            sp.get(HttpClientCodec.class).prepareUpgradeFrom(sp.context(HttpClientCodec.class));
            sp.replace(this, "relay", new Relay(client)); // the codec, now upgraded, passes raw bytes both ways

            ChannelPipeline cp = ctx.pipeline();
            String codec = cp.context(io.netty.handler.codec.http.HttpServerCodec.class).name();
            cp.addAfter(codec, "relay", new Relay(server));
            cp.remove(io.netty.handler.codec.http.HttpServerCodec.class);
            cp.remove(io.netty.handler.codec.http.HttpServerExpectContinueHandler.class);
            cp.remove(io.netty.handler.flow.FlowControlHandler.class);
            cp.remove(ClientHandler.this);
            client.config().setAutoRead(true);
            server.config().setAutoRead(true);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext uctx) {
            if (uctx.channel().isWritable() && ex != null && !ex.requestDone && state == State.FORWARDING) {
                requestRead();
            }
            uctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext uctx) {
            if (uctx.channel() != upstream) {
                return;
            }
            Exchange current = ex;
            if (current != null && state == State.FORWARDING && !current.responseDone) {
                if (current.responseStarted) {
                    // A close-delimited body ends here; anything else was cut off.
                    report(current, current.resolution, ProxyExchange.Outcome.FORWARDED, current.status,
                            "the server closed the connection mid-response");
                    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
                    state = State.CLOSED;
                } else {
                    upstreamFailed(current, "the server closed the connection before answering");
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext uctx, Throwable cause) {
            LOG.log(System.Logger.Level.DEBUG, "upstream error", cause);
            Exchange current = ex;
            if (current != null && state == State.FORWARDING && !current.responseDone) {
                upstreamFailed(current, "the connection to " + current.target.key() + " failed: " + describe(cause));
            }
            uctx.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (upstream != null) {
            upstream.config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    // ---------------------------------------------------------------- local answers and the end of an exchange

    private void localResponse(HttpRequest req, FullHttpResponse resp, boolean close) {
        state = State.LOCAL;
        boolean keep = !close && req != null && HttpUtil.isKeepAlive(req);
        HttpUtil.setKeepAlive(resp, keep);
        finishExchange(ctx.writeAndFlush(resp), keep);
    }

    private void finishExchange(ChannelFuture written, boolean keepAlive) {
        Exchange done = ex;
        if (done != null) {
            releaseHeld(done);
        }
        ex = null;
        if (!keepAlive) {
            if (done != null && !done.requestDone && hasBody(done.request)) {
                // The client may still be sending its body: closing now would reset the connection, and a client
                // that writes its whole body before reading would never see the answer. Read and drop the rest.
                state = State.DISCARDING;
                written.addListener(w -> {
                    if (w.isSuccess()) {
                        startLingering();
                    } else {
                        closeNow();
                    }
                });
                drain();
                return;
            }
            state = State.CLOSED;
            written.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        state = State.IDLE;
        drain();
    }

    /**
     * Bounds the discarding of a refused body, like a web server's lingering close: until the body ends, the client
     * closes, {@link #LINGER_IDLE_NANOS} pass without data, {@link #LINGER_MAX_NANOS} in all, or
     * {@link #LINGER_MAX_BYTES} were dropped. Clients that stop sending once they have the answer (curl does, for a
     * {@code Connection: close} answer) close their end, which ends it at once.
     */
    private void startLingering() {
        long now = System.nanoTime();
        lingerUntil = now + LINGER_MAX_NANOS;
        lingerLastRead = now;
        checkLingering();
    }

    private void checkLingering() {
        if (state != State.DISCARDING || !ctx.channel().isActive()) {
            return;
        }
        long now = System.nanoTime();
        if (now - lingerUntil >= 0 || now - lingerLastRead >= LINGER_IDLE_NANOS) {
            closeNow();
            return;
        }
        ctx.executor().schedule(this::checkLingering, 250, TimeUnit.MILLISECONDS);
    }

    /** True when the request announced a body (which the client may still be sending). */
    private static boolean hasBody(HttpRequest req) {
        if (HttpUtil.isTransferEncodingChunked(req)) {
            return true;
        }
        String length = req.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        try {
            return length != null && Long.parseLong(length.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void localThenClose(HttpRequest req, HttpResponseStatus status, String code, String message) {
        if (ex == null) {
            ex = new Exchange(req, fixed, false);
        }
        localResponse(req, LocalResponses.error(req, status, code, message), true);
    }

    private void rejectMalformed(HttpRequest req, Throwable cause) {
        HttpResponseStatus status = HttpResponseStatus.BAD_REQUEST;
        String code = "malformed_request";
        String msg = "the request could not be parsed: " + describe(cause);
        if (cause instanceof TooLongHttpLineException) {
            status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
            code = "request_line_too_long";
            msg = "the request line is longer than " + rt.config().maxInitialLineBytes() + " bytes";
        } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            code = "headers_too_large";
            msg = "the request headers are larger than " + rt.config().maxHeaderBytes() + " bytes";
        }
        if (ex != null) {
            ex.clientGone.complete(null);
        } else {
            ex = new Exchange(req, fixed, false);
        }
        ex.requestDone = true; // nothing after a parse error can be framed: answer and close, no lingering
        localThenClose(req, status, code, msg);
    }

    // ---------------------------------------------------------------- CONNECT

    private void onConnect(HttpRequest req) {
        Target t = Target.connectAuthority(req.uri());
        if (t == null) {
            localThenClose(req, HttpResponseStatus.BAD_REQUEST, "bad_connect_target",
                    "CONNECT needs host:port, not '" + clip(req.uri()) + "'");
            return;
        }
        captureProxyIdentity(req);
        // The CONNECT's (empty) body end follows; it is consumed before the connection changes protocol.
        state = State.CONNECTING_TUNNEL;
        pendingConnect = () -> {
            if (rt.config().inspect().inspects(t.host())) {
                intercept(t);
            } else {
                tunnel(t);
            }
        };
    }

    private Runnable pendingConnect;

    /**
     * A socket read that produced no message (TLS handshake records, half a request) still completes the read: the
     * flow-control handler forgets the demand, so it is renewed here while this handler is still waiting.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (readPending && ctx.channel().isActive()) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        inbox.forEach(ReferenceCountUtil::release);
        inbox.clear();
    }

    private void intercept(Target t) {
        FullHttpResponse ok = connectEstablished();
        ctx.writeAndFlush(ok).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                closeNow();
                return;
            }
            state = State.CLOSED; // this handler is done; a fresh one takes over the decrypted stream
            // The ClientHello is read and held while the host's certificate is found (minted off the event loop
            // the first time); then TLS is terminated with it.
            ChannelPipeline p = ctx.pipeline();
            Channel client = ctx.channel();
            p.addAfter("codec", "sni", new TunnelSniffer(new TunnelSniffer.Plan() {
                @Override
                public java.util.concurrent.CompletableFuture<io.netty.handler.ssl.SslContext> prepare(boolean tls,
                                                                                                       String sni) {
                    client.config().setAutoRead(false);
                    return rt.certificates().forHostAsync(t.host());
                }

                @Override
                public void then(ChannelHandlerContext sctx, String sni, io.netty.handler.ssl.SslContext tls) {
                    terminateTls(sctx.pipeline(), "sni", tls, t, t.host(), false);
                    sctx.pipeline().remove("sni");
                }

                @Override
                public void failed(ChannelHandlerContext sctx, Throwable cause) {
                    LOG.log(System.Logger.Level.WARNING, "proxy: cannot serve TLS for " + t.host(), cause);
                    sctx.close();
                }
            }));
            p.remove("codec");
            p.remove("expect");
            p.remove("flow");
            p.remove(this);
            client.config().setAutoRead(true);
        });
    }

    /**
     * Adds, after {@code after}, TLS with a certificate for {@code identity} and a fresh HTTP layer whose requests go
     * to the guard as requests to {@code identity}, and are sent to {@code connectHost}.
     */
    private void terminateTls(ChannelPipeline p, String after, io.netty.handler.ssl.SslContext context, Target identity,
                              String connectHost, boolean bySni) {
        SslHandler tls = context.newHandler(ctx.alloc());
        tls.handshakeFuture().addListener(h -> {
            if (!h.isSuccess()) {
                LOG.log(System.Logger.Level.WARNING, () -> "proxy: client TLS for " + identity.host() + " failed (does the "
                        + "client trust Interlock's CA? see `interlock env`): " + h.cause());
            }
        });
        ProxyConfig c = rt.config();
        p.addAfter(after, "tls", tls);
        p.addAfter("tls", "codec-tls", new io.netty.handler.codec.http.HttpServerCodec(c.maxInitialLineBytes(),
                c.maxHeaderBytes(), 64 * 1024));
        p.addAfter("codec-tls", "expect-tls", new io.netty.handler.codec.http.HttpServerExpectContinueHandler());
        p.addAfter("expect-tls", "flow-tls", new io.netty.handler.flow.FlowControlHandler());
        p.addAfter("flow-tls", "client-tls", new ClientHandler(rt, identity, connectHost, bySni, origin));
    }

    /**
     * A tunnel to a host that is not inspected by its CONNECT name. The server is connected first (so an unreachable
     * one gets a 502), then the client's first bytes are read: a TLS ClientHello whose server name is an inspected
     * host, or any TLS to a bare IP address (which names no service), is terminated and inspected like a CONNECT to
     * that name, so neither a different CONNECT name nor an address gets around the guard. Everything else is
     * relayed byte for byte. Server-first protocols flow at once: bytes from the server end the sniffing.
     */
    private void tunnel(Target t) {
        InetSocketAddress address = rt.config().upstream().address(t.host(), t.port());
        Channel client = ctx.channel();
        Bootstrap b = new Bootstrap()
                .group(client.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) rt.config().connectTimeout().toMillis())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInboundHandlerAdapter());
        b.connect(address).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                state = State.IDLE;
                HttpRequest fake = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.CONNECT, t.key());
                localThenClose(fake, HttpResponseStatus.BAD_GATEWAY, "upstream_unreachable",
                        "cannot connect to " + t.key() + ": " + describe(f.cause()));
                return;
            }
            Channel server = f.channel();
            rt.channels().add(server);
            if (!client.isActive()) {
                server.close();
                return;
            }
            ctx.writeAndFlush(connectEstablished()).addListener((ChannelFutureListener) w -> {
                if (!w.isSuccess()) {
                    server.close();
                    closeNow();
                    return;
                }
                state = State.CLOSED;
                ChannelPipeline p = ctx.pipeline();
                Relay fromServer = new Relay(client);
                TunnelSniffer sniffer = new TunnelSniffer(new TunnelSniffer.Plan() {
                    @Override
                    public java.util.concurrent.CompletableFuture<io.netty.handler.ssl.SslContext> prepare(boolean tls,
                                                                                                           String sni) {
                        boolean inspectByName = sni != null && rt.config().inspect().inspects(sni);
                        if (!tls || !(inspectByName || Target.isAddress(t.host())) || fromServer.relayedAny()) {
                            return null;
                        }
                        // Inspected after all: reads wait while the certificate for that name is ready.
                        client.config().setAutoRead(false);
                        return rt.certificates().forHostAsync(sni != null ? sni : t.host());
                    }

                    @Override
                    public void then(ChannelHandlerContext sctx, String sni, io.netty.handler.ssl.SslContext tls) {
                        ChannelPipeline cp = sctx.pipeline();
                        if (tls == null || fromServer.relayedAny()) {
                            client.config().setAutoRead(true);
                            cp.remove("sni"); // what it read flows on to the relay
                            return;
                        }
                        // The blind tunnel is dropped, and TLS is terminated for that name.
                        server.pipeline().remove(fromServer);
                        server.close();
                        Target named = sni == null ? null : new Target(true, sni, t.port());
                        terminateTls(cp, "sni", tls, named != null ? named : t, t.host(), named != null);
                        cp.remove("relay");
                        cp.remove("sni");
                    }

                    @Override
                    public void failed(ChannelHandlerContext sctx, Throwable cause) {
                        LOG.log(System.Logger.Level.WARNING, "proxy: cannot serve TLS in a tunnel to " + t.key(), cause);
                        server.close();
                        sctx.close();
                    }
                });
                p.addAfter("codec", "sni", sniffer);
                p.addAfter("sni", "relay", new Relay(server));
                p.remove("codec");
                p.remove("expect");
                p.remove("flow");
                p.remove(this);
                server.pipeline().addLast("relay", fromServer);
                fromServer.onFirstBytes(() -> {
                    if (p.get("sni") != null) {
                        p.remove("sni"); // the server spoke first: not a TLS client, relay as is
                    }
                });
                client.config().setAutoRead(true);
                server.config().setAutoRead(true);
            });
        });
    }

    private static FullHttpResponse connectEstablished() {
        FullHttpResponse ok = new io.netty.handler.codec.http.DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(200, "Connection established"));
        return ok;
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Exchange current = ex;
        if (current != null) {
            // The client stopped waiting: the guard is told; whatever it answers now, nothing is sent.
            current.clientGone.complete(null);
        }
        if (state != State.CLOSED) {
            state = State.CLOSED;
            if (current != null) {
                releaseHeld(current);
            }
        }
        inbox.forEach(ReferenceCountUtil::release);
        inbox.clear();
        if (upstream != null) {
            upstream.close();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            closeNow();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A client hanging up mid-way is ordinary; anything else is worth a line in the service log.
        LOG.log(cause instanceof java.io.IOException ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                "proxy: client connection error", cause);
        closeNow();
    }

    private void closeNow() {
        state = State.CLOSED;
        ctx.close();
    }

    private void report(Exchange e, Resolution r, ProxyExchange.Outcome outcome, int status, String problem) {
        if (e.call == null) {
            return; // not an inspected request: nothing for the audit log
        }
        try {
            rt.observer().exchanged(new ProxyExchange(e.call, e.origin != null ? e.origin : origin, r, outcome, status,
                    e.bytes, problem));
        } catch (RuntimeException x) {
            LOG.log(System.Logger.Level.WARNING, "proxy observer failed", x);
        }
    }

    private ChannelFutureListener writeFailureCloses() {
        return f -> {
            if (!f.isSuccess()) {
                closeNow();
            }
        };
    }

    // ---------------------------------------------------------------- helpers

    /** Copies headers except the hop-by-hop ones (and any the {@code Connection} header names). */
    static void copyEndToEnd(HttpHeaders from, HttpHeaders to) {
        List<String> named = from.getAll(HttpHeaderNames.CONNECTION);
        java.util.Set<String> drop = HttpCalls.HOP_BY_HOP;
        if (!named.isEmpty()) {
            drop = new java.util.HashSet<>(drop);
            for (String v : named) {
                for (String token : v.split(",")) {
                    drop.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        for (java.util.Map.Entry<String, String> h : from) {
            if (!drop.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                to.add(h.getKey(), h.getValue());
            }
        }
    }

    private void captureProxyIdentity(HttpRequest req) {
        // `interlock run` may put the agent and its session in the proxy URL (http://agent:session@127.0.0.1:port).
        String auth = req.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION);
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            String agent = colon < 0 ? pair : pair.substring(0, colon);
            String session = colon < 0 ? null : pair.substring(colon + 1);
            if (!agent.isBlank() && agent.length() <= 64) {
                origin = new Origin(agent, session == null || session.isBlank() ? null : clip(session), null, null, null);
            }
        } catch (IllegalArgumentException e) {
            // not base64: ignore, the requests are attributed to "proxy"
        }
    }

    private boolean sameHost(String hostHeader, Target t) {
        Target h = Target.absolute((t.tls() ? "https://" : "http://") + hostHeader.trim() + "/");
        return h != null && sameTarget(h, t);
    }

    private boolean sameTarget(Target named, Target t) {
        return named.host().equals(t.host()) && (namedBySni || named.port() == t.port());
    }

    /** {@code Upgrade: websocket} on a GET with {@code Connection: upgrade} (RFC 6455 §4.1). */
    private static boolean isWebSocketUpgrade(HttpRequest req) {
        return req.method() == HttpMethod.GET
                && req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                && req.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
