package dev.interlock.proxy;

import dev.interlock.broker.Guard;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loopback HTTP(S) forward proxy (ARCHITECTURE.md §5): plain HTTP requests and CONNECT tunnels on 127.0.0.1.
 * TLS is terminated only for {@link ProxyConfig#inspect() inspected} hosts; their requests become
 * {@link dev.interlock.action.HttpCall}s for the {@link Guard} and are sent upstream only when it allows them.
 * Every other tunnel is relayed byte for byte.
 */
public final class ProxyServer implements AutoCloseable {
    private final Runtime runtime;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;
    private final java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();

    /** Shared by every connection of one server. */
    record Runtime(ProxyConfig config, ProxyGuard guard, ServerCertificates certificates, ThreadPoolExecutor decisions,
                   ProxyObserver observer, ChannelGroup channels, EventLoopGroup workers, AtomicLong requestIds) {
    }

    private ProxyServer(ProxyConfig config, ProxyGuard guard, LocalCa ca, ProxyObserver observer) throws IOException {
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("interlock-proxy-accept", true),
                NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("interlock-proxy-io", true),
                NioIoHandler.newFactory());
        ThreadPoolExecutor decisions = new ThreadPoolExecutor(0, config.maxPendingDecisions(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), new DefaultThreadFactory("interlock-proxy-guard", true));
        runtime = new Runtime(config, guard, new ServerCertificates(ca), decisions, observer,
                new DefaultChannelGroup("interlock-proxy", GlobalEventExecutor.INSTANCE), workers,
                new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1_000));
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 2048)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.incrementAndGet();
                        runtime.channels().add(ch);
                        ChannelPipeline p = ch.pipeline();
                        p.addLast("idle", new IdleStateHandler(0, 0, (int) config.idleTimeout().toSeconds()));
                        addHttpHandlers(p, runtime, null);
                    }
                });
        runtime.certificates().prewarm(config.inspect().patterns());
        try {
            listener = b.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port())).sync().channel();
        } catch (Exception e) {
            close();
            throw new IOException("cannot listen on 127.0.0.1:" + config.port() + ": " + e.getMessage()
                    + " (is another Interlock or proxy using that port? change the proxy port in settings)", e);
        } catch (Throwable t) {
            close();
            throw t;
        }
    }

    /** The HTTP layer of a client connection: plain proxy requests ({@code fixed == null}) or one intercepted host. */
    static void addHttpHandlers(ChannelPipeline p, Runtime rt, Target fixed) {
        ProxyConfig c = rt.config();
        p.addLast("codec", new HttpServerCodec(c.maxInitialLineBytes(), c.maxHeaderBytes(), 64 * 1024));
        p.addLast("expect", new HttpServerExpectContinueHandler());
        p.addLast("flow", new FlowControlHandler());
        p.addLast("client", new ClientHandler(rt, fixed));
    }

    /** Starts a proxy; the CA mints certificates for intercepted hosts. */
    public static ProxyServer start(ProxyConfig config, ProxyGuard guard, LocalCa ca, ProxyObserver observer)
            throws IOException {
        return new ProxyServer(config, guard, ca, observer == null ? ProxyObserver.NONE : observer);
    }

    /** With a plain {@link Guard}: a client that hangs up interrupts the deciding thread. */
    public static ProxyServer start(ProxyConfig config, Guard guard, LocalCa ca, ProxyObserver observer)
            throws IOException {
        return start(config, ProxyGuard.of(guard), ca, observer);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** Client connections accepted since start. */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Open client connections (tunnels and intercepted ones). */
    public int openConnections() {
        return runtime.channels().size();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        if (runtime != null) {
            runtime.channels().close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            runtime.decisions().shutdownNow();
        }
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (runtime != null && runtime.observer() instanceof AutoCloseable c) {
            try {
                c.close(); // e.g. the result rows still queued are written before the audit log closes
            } catch (Exception e) {
                System.getLogger(ProxyServer.class.getName()).log(System.Logger.Level.WARNING,
                        "proxy: closing the exchange observer failed", e);
            }
        }
    }
}
