package dev.interlock.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.FileAccess;
import dev.interlock.action.HttpCall;
import dev.interlock.action.Origin;
import dev.interlock.broker.Resolution;
import dev.interlock.policy.Decision;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.Severity;
import dev.interlock.policy.Span;
import dev.interlock.policy.Verdict;
import dev.interlock.secrets.Fingerprints;
import dev.interlock.secrets.SecretFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionMemoryTest {
    static final String TOKEN = "453bf491-2e7a-46e9-876c-603fe7e8f9f6";

    @TempDir
    Path ws;
    @TempDir
    Path data;
    MutableClock clock = new MutableClock();
    SessionMemory memory;
    AllowedCredentials allowed;
    Origin origin;

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        PolicyEngine engine = Policies.engine(List.of(), Set.of());
        SecretFinder finder = SecretFinder.fromPacks(
                List.of(Policies.loader().load(Policies.bundledPacksDir().resolve("secrets.yaml"))),
                new Fingerprints(new byte[32]));
        allowed = AllowedCredentials.load(data.resolve("allowed.json"));
        memory = new SessionMemory(() -> engine, finder, new EnvironmentBook(), allowed, clock,
                SessionMemory.Options.defaults());
        origin = new Origin("claude-code", "s1", null, ws.toString(), null);
        Files.createDirectories(ws.resolve("legacy"));
        Files.writeString(ws.resolve("legacy/config_backup.json"),
                "{\n  \"domains\": [\"shop.example.org\"],\n  \"railway_token\": \"" + TOKEN + "\"\n}\n");
    }

    static Decision destructive() {
        return Decision.of(List.of(new RuleMatch("railway", "volume-delete", Severity.HIGH, Verdict.ASK,
                "Deletes a Railway volume", new Span("body", 0, 1, "x"), "3f6c")));
    }

    static HttpCall volumeDelete(String token) {
        return new HttpCall("POST", "https://backboard.railway.app/graphql/v2",
                Map.of("Authorization", List.of("Bearer " + token), "Content-Type", List.of("application/json")),
                "{\"query\":\"mutation { volumeDelete(volumeId: \\\"3f6c\\\") }\"}");
    }

    private void read(String path) {
        FileAccess read = new FileAccess(path, FileAccess.Mode.READ, ws.toString(), null);
        memory.observe(read, origin, new Resolution(Verdict.ALLOW, Decision.allow(), "policy", Duration.ZERO, null, ""));
    }

    @Test
    void aTokenReadFromAFileAndUsedLaterEscalatesToCriticalNamingTheFile() {
        read("legacy/config_backup.json");
        clock.now = clock.now.plusSeconds(40);
        Decision d = memory.assess(volumeDelete(TOKEN), origin, destructive());
        assertEquals(Severity.CRITICAL, d.severity());
        assertEquals(Verdict.ASK, d.verdict());
        assertTrue(d.notes().get(0).startsWith(
                "uses a Railway API token it read from legacy/config_backup.json:3 40 s ago"), d.notes().toString());
    }

    @Test
    void aDecisionWaitsForTheScanOfAFileItsSessionHasJustRead() throws Exception {
        java.util.concurrent.ExecutorService slow = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            memory = memoryWith(task -> slow.execute(() -> {
                sleep(300);
                task.run();
            }), Duration.ofSeconds(5));
            read("legacy/config_backup.json");
            Decision d = memory.assess(volumeDelete(TOKEN), origin, destructive());
            assertEquals(Severity.CRITICAL, d.severity(), d.notes().toString());
        } finally {
            slow.shutdownNow();
        }
    }

    @Test
    void aScanStillRunningAtTheDeadlineHoldsADestructiveActionButNotAReadOnlyOne() throws Exception {
        memory = memoryWith(task -> { }, Duration.ofMillis(100));
        read("legacy/config_backup.json");
        Decision d = memory.assess(volumeDelete(TOKEN), origin, destructive());
        assertEquals(Verdict.ASK, d.verdict());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("still reading")), d.notes().toString());
        HttpCall query = new HttpCall("POST", "https://backboard.railway.app/graphql/v2", Map.of(), "{\"query\":\"{ me { id } }\"}");
        assertEquals(Verdict.ALLOW, memory.assess(query, origin, Decision.allow()).verdict());
    }

    @Test
    void aFileChangedSinceItsLastReadIsScannedAgain() throws Exception {
        Path file = ws.resolve("legacy/config_backup.json");
        read("legacy/config_backup.json");
        String other = "0a227385-459c-445c-83fc-052715850a03";
        Files.writeString(file, "{\n  \"railway_token\": \"" + other + "\"\n}\n");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        read("legacy/config_backup.json");
        assertEquals(Severity.CRITICAL, memory.assess(volumeDelete(other), origin, destructive()).severity());
    }

    private SessionMemory memoryWith(java.util.concurrent.Executor scanner, Duration wait) throws Exception {
        PolicyEngine engine = Policies.engine(List.of(), Set.of());
        SecretFinder finder = SecretFinder.fromPacks(
                List.of(Policies.loader().load(Policies.bundledPacksDir().resolve("secrets.yaml"))),
                new Fingerprints(new byte[32]));
        return new SessionMemory(() -> engine, finder, new EnvironmentBook(), allowed, clock,
                SessionMemory.Options.defaults(), scanner, wait);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anAllowedCredentialIsNamedButNotEscalated() throws Exception {
        read("legacy/config_backup.json");
        String fp = memory.sightings(origin).get(0).fingerprint();
        allowed.add(new AllowedCredentials.Entry(ws.toString(), fp, "staging deploy token"));
        Decision d = memory.assess(volumeDelete(TOKEN), origin, destructive());
        assertEquals(Severity.HIGH, d.severity());
        assertTrue(d.notes().get(0).contains("allowed credential 'staging deploy token'"), d.notes().toString());
    }

    @Test
    void aCredentialAllowedByAnotherProcessCountsAtOnceAlsoInSubdirectoriesOfTheWorkspace() throws Exception {
        read("legacy/config_backup.json");
        String fp = memory.sightings(origin).get(0).fingerprint();
        // `interlock credentials allow` runs in its own process and writes the file the service has loaded.
        AllowedCredentials.load(data.resolve("allowed.json"))
                .add(new AllowedCredentials.Entry(ws.toString(), fp, "staging deploy token"));
        Origin inSubdir = new Origin("claude-code", "s1", null, ws.resolve("app").toString(), null);
        Decision d = memory.assess(volumeDelete(TOKEN), inSubdir, destructive());
        assertEquals(Severity.HIGH, d.severity(), d.notes().toString());
        Files.writeString(data.resolve("allowed.json"), "{ not a list");
        assertEquals(Severity.CRITICAL, memory.assess(volumeDelete(TOKEN), origin, destructive()).severity(),
                "a broken file allows nothing");
    }

    @Test
    void otherSessionsAndOtherTokensAreNotConnected() {
        read("legacy/config_backup.json");
        Origin other = new Origin("claude-code", "s2", null, ws.toString(), null);
        assertEquals(Severity.HIGH, memory.assess(volumeDelete(TOKEN), other, destructive()).severity());
        assertEquals(Severity.HIGH, memory.assess(volumeDelete("0a227385-459c-445c-83fc-052715850a03"), origin,
                destructive()).severity());
    }

    @Test
    void aDeniedReadIsNotRemembered() {
        FileAccess read = new FileAccess("legacy/config_backup.json", FileAccess.Mode.READ, ws.toString(), null);
        memory.observe(read, origin, new Resolution(Verdict.DENY, Decision.allow(), "human:popup", Duration.ZERO, null, ""));
        assertEquals(List.of(), memory.sightings(origin));
    }

    @Test
    void productionLearnedFromAReadOnlyResponseRaisesTheDecisionAndSaysSo() {
        memory.observeResponse(null, 200, """
                {"data":{"project":{"volumes":{"edges":[{"node":{"id":"3f6c","name":"pg-data",
                "volumeInstances":{"edges":[{"node":{"id":"vi-1","environment":{"name":"production"}}}]}}},
                {"node":{"id":"8a1b","environment":{"name":"staging"}}}]}}}}""", origin);
        assertEquals("production", memory.environments().learnedFor("vi-1").orElseThrow());
        assertEquals("staging", memory.environments().learnedFor("8a1b").orElseThrow());
        Decision base = Decision.of(List.of(new RuleMatch("railway", "volume-delete", Severity.MEDIUM, Verdict.ASK,
                "x", new Span("body", 0, 1, "x"), "vi-1")));
        HttpCall call = new HttpCall("POST", "https://backboard.railway.app/graphql/v2", Map.of(),
                "{\"query\":\"mutation { volumeInstanceDelete(id: \\\"vi-1\\\") }\"}");
        Decision d = memory.assess(call, origin, base);
        assertEquals("production", d.environment());
        assertEquals(Severity.HIGH, d.severity());
    }

    @Test
    void stagingThenProductionIsCalledOut() {
        memory.observe(new HttpCall("POST", "https://api.example.com/stg-db/reset", Map.of(), ""), origin,
                new Resolution(Verdict.ALLOW, Decision.allow(), "human:popup", Duration.ZERO, null, ""));
        Decision d = memory.assess(new HttpCall("POST", "https://api.example.com/prod-db/reset", Map.of(), ""),
                origin, destructive());
        assertTrue(d.notes().stream().anyMatch(n -> n.startsWith("task in staging, side effect in production")), d.notes().toString());
    }

    @Test
    void readingASecretFileOutsideTheWorkspaceAsks(@TempDir Path elsewhere) throws Exception {
        Files.writeString(elsewhere.resolve(".env"), "X=1\n");
        Decision d = memory.assess(new FileAccess(elsewhere.resolve(".env").toString(), FileAccess.Mode.READ),
                origin, Decision.allow());
        assertEquals(Verdict.ASK, d.verdict());
        assertNull(d.environment());
        assertEquals(Verdict.ALLOW, memory.assess(new FileAccess(ws.resolve(".env").toString(), FileAccess.Mode.READ),
                origin, Decision.allow()).verdict());
    }
}
