package dev.interlock.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.policy.Pack;
import dev.interlock.policy.Policies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    static Pack pack;
    static SecretFinder finder;

    @BeforeAll
    static void load() throws Exception {
        pack = Policies.loader().load(Policies.bundledPacksDir().resolve("secrets.yaml"));
        finder = SecretFinder.fromPacks(List.of(pack), new Fingerprints(new byte[32]));
    }

    @Test
    void everyDetectorExamplePasses() {
        assertTrue(DetectorTester.count(pack) >= 60, "examples: " + DetectorTester.count(pack));
        assertEquals(List.of(), DetectorTester.test(pack));
    }

    @Test
    void findsWithLineMaskAndStableKeyedFingerprint() {
        String text = "# config\nRAILWAY_TOKEN=0a227385-459c-445c-83fc-052715850a03\n";
        List<Finding> f = finder.find(text, "config_backup.json");
        assertEquals(1, f.size());
        assertEquals(2, f.get(0).line());
        assertEquals("railway-token", f.get(0).detector().id());
        assertFalse(f.get(0).masked().contains("459c-445c"), f.get(0).masked());
        assertEquals(f.get(0).fingerprint(), finder.find("x " + text, null).get(0).fingerprint());
        Fingerprints other = new Fingerprints(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        assertNotEquals(f.get(0).fingerprint(), other.of("0a227385-459c-445c-83fc-052715850a03"));
    }

    @Test
    void genericAssignmentsCountOnlyInEnvFiles() {
        String line = "SESSION_SECRET=v5V7S82qTdrOJRBRY6HqsP795nf4Gakq\n";
        assertEquals(1, finder.find(line, ".env.local").size());
        assertEquals(0, finder.find(line, "README.md").size());
    }

    @Test
    void scanListsPlantedCredentialsAndNothingInOrdinaryCode(@TempDir Path ws) throws Exception {
        Files.createDirectories(ws.resolve("legacy"));
        Files.createDirectories(ws.resolve("src"));
        Files.createDirectories(ws.resolve("node_modules/x"));
        Files.writeString(ws.resolve("legacy/config_backup.json"),
                "{\"domains\": [\"shop.example.org\"],\n \"railway_token\": \"453bf491-2e7a-46e9-876c-603fe7e8f9f6\"}\n");
        Files.writeString(ws.resolve(".env"), "DATABASE_URL=postgresql://app:jqG96EnLqNGpuxcm@db.prod.internal:5432/shop\n"
                + "LOG_LEVEL=debug\nAPI_KEY=changeme-please-now\n");
        Files.writeString(ws.resolve("src/app.ts"), """
                import { createHash } from "crypto";
                const requestId = "0a227385-459c-445c-83fc-052715850a03";
                const password = process.env.DB_PASSWORD;
                const apiKey = config.get("apiKey");
                export const sha = createHash("sha256").update("abc").digest("hex");
                // token: see docs at https://example.com/tokens
                const url = `postgres://${user}:${pass}@${host}/db`;
                """);
        Files.writeString(ws.resolve("src/keys.py"), "GITHUB = 'ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d'\n");
        Files.writeString(ws.resolve("node_modules/x/index.js"), "const t = 'ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d';\n");
        Files.write(ws.resolve("src/blob.bin"), new byte[] {0, 1, 2, 'g', 'h', 'p', '_'});

        WorkspaceScanner.Report r = new WorkspaceScanner(finder).scan(ws, WorkspaceScanner.Options.defaults(), n -> { });
        Set<String> found = r.items().stream().map(i -> i.file() + ":" + i.line() + ":" + i.detectorId())
                .collect(Collectors.toSet());
        assertEquals(Set.of("legacy/config_backup.json:2:railway-token", ".env:1:database-url-password",
                "src/keys.py:1:github-token"), found);
        assertEquals(1, r.filesSkipped(), "the binary file is skipped");
        WorkspaceScanner.Item railway = r.items().stream().filter(i -> i.detectorId().equals("railway-token")).findFirst().orElseThrow();
        assertTrue(railway.risk().contains("account-wide scope found outside any .env"), railway.risk());
    }
}
