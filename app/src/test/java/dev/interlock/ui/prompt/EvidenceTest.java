package dev.interlock.ui.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.interlock.ui.Samples;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EvidenceTest {

    @Test
    void httpEvidenceHasMethodUrlMaskedHeadersBodyAndTheSpanInsideTheBody() {
        var p = Samples.railway("x", Duration.ofSeconds(5));
        Evidence e = Evidence.of(p.action(), p.decision());
        assertEquals("volumeDelete", e.text().substring(e.start(), e.end()));
        assertEquals("volumeDelete(volumeId", e.text().substring(e.start(), e.end() + 9));
        assertEquals("mutation volumeDelete", e.facts().get("GraphQL"));
        assertEquals("backboard.railway.app", e.facts().get("Host"));
        assertEquals("/graphql/v2", e.facts().get("Path"));
    }

    @Test
    void masksCredentials() {
        assertEquals("Bearer ••••b8c9", Evidence.mask("Bearer 7c1f0e2a-aaaa-bbbb-cccc-d4e5f6a7b8c9"));
        assertEquals("••••", Evidence.mask("short"));
    }
}
