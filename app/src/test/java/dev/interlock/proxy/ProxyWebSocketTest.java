package dev.interlock.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.HttpCall;
import dev.interlock.broker.Resolution;
import dev.interlock.policy.Decision;
import dev.interlock.policy.Verdict;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSocket upgrades to an inspected host: the upgrade GET is decided by the guard like any request; once allowed
 * and switched, frames are relayed both ways. A real Netty WebSocket server over TLS on 127.0.0.1, the JDK's
 * WebSocket client through the proxy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyWebSocketTest {
    private static final String HOST = "ws.test";

    @TempDir
    static Path dir;
    LocalCa ca;
    EventLoopGroup group;
    Channel wsServer;
    ProxyServer proxy;
    final List<String> upgradesSeenByServer = new CopyOnWriteArrayList<>();
    final List<HttpCall> decided = new CopyOnWriteArrayList<>();
    final List<ProxyExchange> exchanges = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        ca = LocalCa.loadOrCreate(dir.resolve("ca"));
        LocalCa providerCa = LocalCa.loadOrCreate(dir.resolve("provider-ca"));
        SslContext tls = SslContextBuilder.forServer(providerCa.leafKey(), providerCa.mint(HOST), providerCa.certificate())
                .build();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        wsServer = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()), new HttpServerCodec(),
                                new HttpObjectAggregator(1 << 20),
                                new ChannelInboundHandlerAdapter() {
                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                        if (msg instanceof FullHttpRequest r) {
                                            upgradesSeenByServer.add(r.uri());
                                        }
                                        ctx.fireChannelRead(msg);
                                    }
                                },
                                new WebSocketServerProtocolHandler("/", null, false, 4 << 20, false, true),
                                new io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator(4 << 20),
                                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame f) {
                                        ctx.writeAndFlush(new TextWebSocketFrame("echo: " + f.text()));
                                    }

                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                                            // sent right behind the 101, often in the same TLS record
                                            ctx.writeAndFlush(new TextWebSocketFrame("welcome"));
                                        }
                                        ctx.fireUserEventTriggered(evt);
                                    }
                                });
                    }
                }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        ProxyGuard guard = (call, origin, gone) -> {
            decided.add(call);
            if (call.url().contains("/forbidden")) {
                return ClientHandler.failClosed(call, "test: this socket is not allowed");
            }
            return new Resolution(Verdict.ALLOW, Decision.allow(), "policy", Duration.ZERO, null, "");
        };
        ProxyConfig cfg = ProxyConfig.defaults(0, InspectHosts.of(List.of(HOST))).withUpstream(
                Upstream.redirectedForTests(Map.of(HOST + ":443", (InetSocketAddress) wsServer.localAddress()),
                        providerCa.certificate()));
        proxy = ProxyServer.start(cfg, guard, ca, exchanges::add);
    }

    @AfterAll
    void stop() {
        proxy.close();
        wsServer.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private HttpClient client() throws Exception {
        return HttpClient.newBuilder().proxy(ProxySelector.of(proxy.address()))
                .sslContext(ProxyFixture.trusting(ca.certificate())).connectTimeout(Duration.ofSeconds(30)).build();
    }

    /** Collects whole text messages. */
    private static final class Inbox implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder part = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                messages.add(part.toString());
                part.setLength(0);
            }
            ws.request(1);
            return null;
        }

        String next() throws InterruptedException {
            String m = messages.poll(30, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no message within 30 s");
            }
            return m;
        }
    }

    @Test
    void anAllowedUpgradeIsDecidedOnceThenFramesFlowBothWays() throws Exception {
        Inbox inbox = new Inbox();
        WebSocket ws = client().newWebSocketBuilder().buildAsync(URI.create("wss://" + HOST + "/chat?room=1"), inbox)
                .get(30, TimeUnit.SECONDS);
        assertEquals("welcome", inbox.next(), "a frame the server sends right after the 101 arrives");
        ws.sendText("hello", true).get(30, TimeUnit.SECONDS);
        assertEquals("echo: hello", inbox.next());
        String big = "x".repeat(1 << 20);
        ws.sendText(big, true).get(30, TimeUnit.SECONDS);
        String back = inbox.next();
        assertTrue(back.equals("echo: " + big), "a 1 MiB message crosses the relay whole (got " + back.length() + " chars)");
        for (int i = 0; i < 50; i++) {
            ws.sendText("m" + i, true).get(30, TimeUnit.SECONDS);
            assertEquals("echo: m" + i, inbox.next());
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(30, TimeUnit.SECONDS);

        HttpCall upgrade = decided.stream().filter(c -> c.url().contains("/chat")).findFirst().orElseThrow();
        assertEquals("GET", upgrade.method());
        assertEquals("https://" + HOST + "/chat?room=1", upgrade.url());
        assertTrue(upgrade.header("sec-websocket-key").isPresent(), "the guard sees the upgrade's headers");
        assertEquals(1, decided.stream().filter(c -> c.url().contains("/chat")).count(), "one decision per socket");
        assertTrue(upgradesSeenByServer.contains("/chat?room=1"));
        assertTrue(exchanges.stream().anyMatch(e -> e.status() == 101 && e.outcome() == ProxyExchange.Outcome.FORWARDED),
                "the audit sees the switch");
    }

    @Test
    void aDeniedUpgradeGetsA403AndTheServerSeesNothing() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> client().newWebSocketBuilder()
                .buildAsync(URI.create("wss://" + HOST + "/forbidden"), new Inbox()).get(30, TimeUnit.SECONDS));
        WebSocketHandshakeException h = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertEquals(403, h.getResponse().statusCode());
        assertTrue(upgradesSeenByServer.stream().noneMatch(u -> u.contains("forbidden")), upgradesSeenByServer.toString());
    }
}
