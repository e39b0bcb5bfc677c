package dev.interlock.server;

import dev.interlock.config.DataDir;
import dev.interlock.hooks.HookAdapters;
import dev.interlock.service.GuardService;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loopback control API (issue 4, README "Control API"): HTTP/1.1 on 127.0.0.1 only, used by the hook
 * client, shims, the CLI and the proxy. Writes {@code run/endpoint} once listening and removes it on close.
 * Requests are checked before anything else: a loopback {@code Host}, no browser {@code Origin}, and one of the
 * two per-install credentials (hook: submit and read; admin: approve, freeze, thaw).
 */
public final class ControlServer implements AutoCloseable {
    /** Largest request body accepted (hook payloads with file contents can be large). */
    static final int MAX_BODY = 8 * 1024 * 1024;

    private final GuardService guard;
    private final DataDir dir;
    private final EventLoopGroup group;
    private final ExecutorService workers;
    private final Channel channel;
    private final int port;

    private ControlServer(GuardService guard, HookAdapters adapters, int requestedPort) throws IOException {
        this.guard = guard;
        this.dir = guard.dataDir();
        String hookToken = RunFiles.ensureToken(RunFiles.hookToken(dir));
        String adminToken = RunFiles.ensureToken(RunFiles.adminToken(dir));
        AtomicInteger n = new AtomicInteger();
        // holds block a worker each; bounded so a flood cannot exhaust the machine (excess is refused with 503)
        this.workers = new ThreadPoolExecutor(4, 512, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "interlock-api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        ControlApi api = new ControlApi(guard, adapters, hookToken, adminToken);
        int[] bound = new int[1];
        try {
            ServerBootstrap b = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 512)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY),
                                    new ControlHandler(api, workers, () -> bound[0]));
                        }
                    });
            this.channel = b.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort)).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully();
            workers.shutdownNow();
            throw new IOException("interrupted while binding the control API", e);
        } catch (RuntimeException e) {
            group.shutdownGracefully();
            workers.shutdownNow();
            throw new IOException("cannot listen on 127.0.0.1:" + requestedPort + ": " + e.getMessage(), e);
        }
        this.port = ((InetSocketAddress) channel.localAddress()).getPort();
        bound[0] = port;
        RunFiles.writeEndpoint(dir, port);
    }

    /** Starts listening on 127.0.0.1 ({@code port} 0: any free port) and writes {@code run/endpoint}. */
    public static ControlServer start(GuardService guard, HookAdapters adapters, int port) throws IOException {
        return new ControlServer(guard, adapters, port);
    }

    public static ControlServer start(GuardService guard) throws IOException {
        return start(guard, HookAdapters.standard(), guard.settings().controlPort());
    }

    public int port() {
        return port;
    }

    public GuardService guard() {
        return guard;
    }

    @Override
    public void close() {
        try {
            if (RunFiles.readEndpoint(dir).orElse(-1) == port) {
                Files.deleteIfExists(RunFiles.endpoint(dir));
            }
        } catch (IOException e) {
            System.err.println("interlock: cannot remove " + RunFiles.endpoint(dir) + ": " + e.getMessage());
        }
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownNow();
    }
}
