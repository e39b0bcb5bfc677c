package dev.interlock.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The combined trust files for tools that <em>replace</em> their trust store instead of extending it
 * ({@code SSL_CERT_FILE}, {@code REQUESTS_CA_BUNDLE}, Java's {@code javax.net.ssl.trustStore}): the system's roots
 * plus Interlock's CA. Rewritten whenever the proxy starts, so system root updates are picked up.
 */
public final class TrustBundle {
    public static final String PEM_FILE = "ca-bundle.pem";
    public static final String JAVA_FILE = "truststore.p12";
    /** A trust store holds only public certificates; its password protects nothing and is documented. */
    public static final String JAVA_PASSWORD = "changeit";

    /** Where Linux distributions, macOS and the BSDs keep the system roots as one PEM file. */
    static final List<Path> SYSTEM_BUNDLES = List.of(
            Path.of("/etc/ssl/certs/ca-certificates.crt"),
            Path.of("/etc/pki/tls/certs/ca-bundle.crt"),
            Path.of("/etc/ssl/ca-bundle.pem"),
            Path.of("/etc/pki/tls/cacert.pem"),
            Path.of("/etc/ssl/cert.pem"));

    private TrustBundle() {
    }

    public static Path pemFile(Path caDir) {
        return caDir.resolve(PEM_FILE);
    }

    public static Path javaFile(Path caDir) {
        return caDir.resolve(JAVA_FILE);
    }

    /** Writes both files next to the CA and returns the PEM bundle's path. */
    public static Path write(LocalCa ca) throws IOException {
        StringBuilder pem = new StringBuilder();
        pem.append("# Interlock local CA (").append(ca.fingerprint()).append(")\n");
        pem.append(LocalCa.pem(ca.certificate()));
        pem.append("# System roots\n");
        List<X509Certificate> javaRoots = new ArrayList<>();
        Path systemFile = SYSTEM_BUNDLES.stream().filter(Files::isReadable).findFirst().orElse(null);
        List<X509Certificate> systemRoots = systemRoots();
        if (systemFile != null) {
            String text = Files.readString(systemFile, StandardCharsets.UTF_8);
            pem.append(text.endsWith("\n") ? text : text + "\n");
        } else {
            systemRoots.forEach(c -> pem.append(LocalCa.pem(c)));
        }
        javaRoots.addAll(systemRoots);
        replace(pemFile(ca.directory()), pem.toString().getBytes(StandardCharsets.US_ASCII));
        replace(javaFile(ca.directory()), javaTrustStore(ca.certificate(), javaRoots));
        return pemFile(ca.directory());
    }

    /** The OS roots as Java sees them: Windows' ROOT store on Windows, the runtime's cacerts elsewhere. */
    static List<X509Certificate> systemRoots() throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try {
            if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
                KeyStore ks = KeyStore.getInstance("Windows-ROOT");
                ks.load(null, null);
                for (Enumeration<String> e = ks.aliases(); e.hasMoreElements(); ) {
                    if (ks.getCertificate(e.nextElement()) instanceof X509Certificate c) {
                        out.add(c);
                    }
                }
                return out;
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (var tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    out.addAll(List.of(x.getAcceptedIssuers()));
                }
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the system trust store: " + e.getMessage(), e);
        }
    }

    private static byte[] javaTrustStore(X509Certificate ours, List<X509Certificate> roots) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("interlock-local-ca", ours);
            int i = 0;
            for (X509Certificate c : roots) {
                ks.setCertificateEntry("system-" + (i++), c);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, JAVA_PASSWORD.toCharArray());
            return out.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the Java trust store: " + e.getMessage(), e);
        }
    }

    private static void replace(Path file, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".tmp-", "");
        try {
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
