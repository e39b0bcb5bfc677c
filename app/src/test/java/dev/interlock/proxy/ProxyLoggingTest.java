package dev.interlock.proxy;

import static dev.interlock.proxy.ProxyFixture.DEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.config.DataDir;
import dev.interlock.config.ServiceLog;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proxy and library warnings reach the service log in the data directory (not slf4j's no-op logger). */
class ProxyLoggingTest {
    @TempDir
    Path dir;

    @Test
    void proxyErrorsAndLibraryWarningsAreWrittenToTheDataDirectoryLog() throws Exception {
        Path home = dir.resolve("home");
        try (ServiceLog log = ServiceLog.install(new DataDir(home));
             ProxyFixture fx = new ProxyFixture(dir.resolve("fx"), TestPolicy.engine(), Duration.ofSeconds(2))) {
            assertEquals(home.resolve("logs").resolve(ServiceLog.NEWEST), log.file());
            HttpResponse<String> r = fx.client(fx.ca.certificate()).send(HttpRequest.newBuilder(
                            URI.create("https://" + DEAD + "/x")).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(502, r.statusCode());

            // Libraries: slf4j has a real binding (to java.util.logging), and Netty's own logger goes the same way.
            assertFalse(org.slf4j.LoggerFactory.getILoggerFactory() instanceof org.slf4j.helpers.NOPLoggerFactory);
            org.slf4j.LoggerFactory.getLogger("some.library").warn("a library warning via slf4j");
            InternalLoggerFactory.getInstance("io.netty.check").warn("a warning from Netty's logger");
            org.slf4j.LoggerFactory.getLogger("some.library").info("info stays out of the file");

            String text = Files.readString(log.file(), StandardCharsets.UTF_8);
            assertTrue(text.contains("WARNING dev.interlock.proxy.ClientHandler: proxy: GET to " + DEAD
                    + ":443 failed upstream: cannot connect to " + DEAD + ":443"), text);
            assertTrue(text.contains("WARNING some.library: a library warning via slf4j"), text);
            assertTrue(text.contains("WARNING io.netty.check: a warning from Netty's logger"), text);
            assertFalse(text.contains("info stays out"), text);
        }
    }
}
