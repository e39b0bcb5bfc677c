package dev.interlock.proxy;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import io.netty.util.concurrent.DefaultThreadFactory;
import javax.net.ssl.SSLException;

/** Per-host TLS server contexts for intercepted connections, minted by the local CA on first use and cached. */
final class ServerCertificates {
    private static final int MAX_CACHED = 2_000;
    private final LocalCa ca;
    private final ConcurrentHashMap<String, SslContext> cache = new ConcurrentHashMap<>();
    /** One thread at most, gone when idle. */
    private final ThreadPoolExecutor minting = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), new DefaultThreadFactory("interlock-proxy-certs", true));

    ServerCertificates(LocalCa ca) {
        this.ca = ca;
    }

    /**
     * The context for {@code host}, at once when it is cached; otherwise minted on a background thread, so the event
     * loop that asks never waits for key signing (or, the first time, for the crypto provider to load).
     */
    CompletableFuture<SslContext> forHostAsync(String host) {
        SslContext ctx = cache.get(host.toLowerCase(Locale.ROOT));
        if (ctx != null) {
            return CompletableFuture.completedFuture(ctx);
        }
        return CompletableFuture.supplyAsync(() -> forHost(host), minting);
    }

    /** Mints, in the background, the certificates of hosts known ahead (exact names; patterns are skipped). */
    void prewarm(java.util.Collection<String> hosts) {
        for (String h : hosts) {
            if (!h.startsWith("*") && !h.isBlank()) {
                minting.execute(() -> {
                    try {
                        forHost(h);
                    } catch (RuntimeException e) {
                        // minted again (and reported) when a client asks for it
                    }
                });
            }
        }
    }

    SslContext forHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        SslContext ctx = cache.get(h);
        if (ctx != null) {
            return ctx;
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        return cache.computeIfAbsent(h, this::build);
    }

    private SslContext build(String host) {
        X509Certificate leaf = ca.mint(host);
        try {
            // Only HTTP/1.1 is offered: a client that wanted h2 falls back, and the proxy sees one request format.
            return SslContextBuilder.forServer(ca.leafKey(), leaf, ca.certificate())
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot serve TLS for " + host + ": " + e.getMessage(), e);
        }
    }
}
