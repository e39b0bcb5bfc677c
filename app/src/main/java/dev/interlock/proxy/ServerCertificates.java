package dev.interlock.proxy;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;

/** Per-host TLS server contexts for intercepted connections, minted by the local CA on first use and cached. */
final class ServerCertificates {
    private static final int MAX_CACHED = 2_000;
    private final LocalCa ca;
    private final ConcurrentHashMap<String, SslContext> cache = new ConcurrentHashMap<>();

    ServerCertificates(LocalCa ca) {
        this.ca = ca;
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
