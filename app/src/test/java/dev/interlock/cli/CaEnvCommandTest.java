package dev.interlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaEnvCommandTest {
    @TempDir
    Path home;
    private String before;
    private PrintStream out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @BeforeEach
    void redirect() {
        before = System.getProperty("interlock.home");
        System.setProperty("interlock.home", home.toString());
        out = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(out);
        if (before == null) {
            System.clearProperty("interlock.home");
        } else {
            System.setProperty("interlock.home", before);
        }
    }

    private String run(String... args) {
        captured.reset();
        assertEquals(0, Main.run(args), () -> captured.toString(StandardCharsets.UTF_8));
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void envPrintsEveryVariableForTheConfiguredPort() throws Exception {
        Files.writeString(home.resolve("settings.json"), "{\"proxyPort\": 9123}");
        String bash = run("env", "--shell", "bash");
        assertTrue(bash.contains("export HTTPS_PROXY='http://127.0.0.1:9123'"), bash);
        for (String k : new String[] {"https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy",
                "NODE_EXTRA_CA_CERTS", "NODE_USE_ENV_PROXY", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "CURL_CA_BUNDLE",
                "AWS_CA_BUNDLE", "GIT_SSL_CAINFO", "CLOUDSDK_CORE_CUSTOM_CA_CERTS_FILE", "JAVA_TOOL_OPTIONS"}) {
            assertTrue(bash.contains("export " + k + "="), k);
        }
        assertTrue(run("env", "--shell", "fish").contains("set -gx HTTPS_PROXY 'http://127.0.0.1:9123'"));
        assertTrue(run("env", "--shell", "powershell").contains("$env:HTTPS_PROXY = 'http://127.0.0.1:9123'"));
    }

    @Test
    void caPathShowAndInstallSteps() {
        String path = run("ca", "path").trim();
        assertEquals(home.resolve("ca").resolve("interlock-ca.pem").toString(), path);
        assertTrue(run("ca", "path", "--bundle").trim().endsWith("ca-bundle.pem"));
        String show = run("ca", "show");
        assertTrue(show.contains("sha256:") && show.contains("Interlock local CA"), show);
        assertTrue(run("ca", "show", "--pem").startsWith("-----BEGIN CERTIFICATE-----"));
        String install = run("ca", "install", "--dry-run");
        assertTrue(install.contains(path), install);
        assertTrue(install.contains("certutil -A"), "the NSS note for Firefox/Chrome: " + install);
        String uninstall = run("ca", "uninstall", "--dry-run");
        assertTrue(uninstall.contains("certutil -D"), uninstall);
    }
}
