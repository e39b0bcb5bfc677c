package dev.interlock.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.config.DataDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void theEnvironmentRoutesThroughTheProxyAndTrustsTheCa() throws Exception {
        DataDir data = new DataDir(dir);
        Map<String, String> v = ProxyEnvironment.variables(data, 8788);
        for (String k : List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")) {
            assertEquals("http://127.0.0.1:8788", v.get(k), k);
        }
        assertTrue(v.get("NO_PROXY").contains("localhost") && v.get("no_proxy").contains("127.0.0.1"));
        assertEquals("1", v.get("NODE_USE_ENV_PROXY"));
        Path ca = dir.resolve("ca").resolve(LocalCa.CERT_FILE);
        Path bundle = dir.resolve("ca").resolve(TrustBundle.PEM_FILE);
        assertEquals(ca.toString(), v.get("NODE_EXTRA_CA_CERTS"), "Node extends its roots: our CA alone");
        for (String k : List.of("REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "CURL_CA_BUNDLE", "AWS_CA_BUNDLE", "GIT_SSL_CAINFO",
                "CLOUDSDK_CORE_CUSTOM_CA_CERTS_FILE")) {
            assertEquals(bundle.toString(), v.get(k), k + " replaces the store: the combined bundle");
        }
        String bundleText = Files.readString(bundle);
        assertTrue(bundleText.contains(Files.readString(ca).trim()), "the bundle holds our CA");
        assertTrue(bundleText.split("BEGIN CERTIFICATE").length > 20, "and the system roots");
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("ca").resolve(LocalCa.KEY_FILE))));
        String jto = v.get("JAVA_TOOL_OPTIONS");
        assertTrue(jto.contains("-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=8788"), jto);
        assertTrue(jto.contains("-Djavax.net.ssl.trustStore=" + dir.resolve("ca").resolve(TrustBundle.JAVA_FILE)), jto);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve("ca").resolve(TrustBundle.JAVA_FILE))) {
            ks.load(in, TrustBundle.JAVA_PASSWORD.toCharArray());
        }
        assertTrue(ks.isCertificateEntry("interlock-local-ca"));
        assertTrue(ks.size() > 20);
    }

    @Test
    void theAgentIsNamedInTheProxyUrl() throws Exception {
        Map<String, String> v = ProxyEnvironment.variables(new DataDir(dir), 9000, "claude-code", "s 1");
        assertEquals("http://claude-code:s+1@127.0.0.1:9000", v.get("HTTPS_PROXY"));
    }

    @Test
    void eachShellGetsQuotingItCannotExpand() {
        Map<String, String> v = Map.of("X", "it's $HOME `x` \\ y");
        assertEquals("export X='it'\\''s $HOME `x` \\ y'\n", ProxyEnvironment.render(v, ProxyEnvironment.Shell.BASH));
        assertEquals("set -gx X 'it\\'s $HOME `x` \\\\ y'\n", ProxyEnvironment.render(v, ProxyEnvironment.Shell.FISH));
        assertEquals("$env:X = 'it''s $HOME `x` \\ y'\n", ProxyEnvironment.render(v, ProxyEnvironment.Shell.POWERSHELL));
    }

    @Test
    void theCaIsCreatedOnceAndReusedAndLeavesAreSignedByIt() throws Exception {
        LocalCa a = LocalCa.loadOrCreate(dir);
        LocalCa b = LocalCa.loadOrCreate(dir);
        assertEquals(a.fingerprint(), b.fingerprint());
        var leaf = b.mint("backboard.railway.app");
        leaf.verify(a.certificate().getPublicKey());
        assertTrue(leaf.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("backboard.railway.app")));
        assertTrue(b.mint("127.0.0.1").getSubjectAlternativeNames().stream().anyMatch(n -> ((Integer) n.get(0)) == 7));
    }

    @Test
    void aKeyThatDoesNotMatchItsCertificateIsReportedNotReplacedSilently() throws Exception {
        LocalCa.loadOrCreate(dir);
        Path other = dir.resolve("other");
        LocalCa.loadOrCreate(other);
        Files.copy(other.resolve(LocalCa.KEY_FILE), dir.resolve(LocalCa.KEY_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> LocalCa.loadOrCreate(dir));
        assertTrue(e.getMessage().contains("does not belong to the certificate"), e.getMessage());
    }
}
