package dev.interlock.proxy;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the proxy reaches real servers: name resolution and the trust used to verify their certificates. In
 * production that is always DNS and the system trust store ({@link #system()}). The only other instance is made by
 * {@link #redirectedForTests}, which is package-private on purpose: no setting, flag or environment variable can
 * point a user's proxy at another server or make it trust another CA.
 */
public final class Upstream {
    private final Map<String, InetSocketAddress> redirects;
    private final SslContext tls;

    private Upstream(Map<String, InetSocketAddress> redirects, SslContext tls) {
        this.redirects = Map.copyOf(redirects);
        this.tls = tls;
    }

    /** DNS and the system trust store, with host name verification. */
    public static Upstream system() {
        return new Upstream(Map.of(), client(null));
    }

    /**
     * Tests and benchmarks only: {@code host:port} keys go to the given loopback address, and certificates are
     * verified against {@code trusted} instead of the system roots (host names are still verified).
     */
    static Upstream redirectedForTests(Map<String, InetSocketAddress> redirects, X509Certificate trusted) {
        for (InetSocketAddress a : redirects.values()) {
            if (!a.getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("test redirects must point at loopback, not " + a);
            }
        }
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("test-ca", trusted);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return new Upstream(redirects, client(tmf));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where to connect for {@code host:port}: the unresolved name (resolved by the event loop), or a redirect. */
    InetSocketAddress address(String host, int port) {
        InetSocketAddress r = redirects.get(host + ":" + port);
        return r != null ? r : InetSocketAddress.createUnresolved(host, port);
    }

    SslContext tls() {
        return tls;
    }

    private static SslContext client(TrustManagerFactory trust) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient()
                    .endpointIdentificationAlgorithm("HTTPS")
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_1_1));
            if (trust != null) {
                b.trustManager(trust);
            }
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for upstream connections: " + e.getMessage(), e);
        }
    }
}
