package dev.interlock.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretMaskerTest {
    private final SecretMasker m = new SecretMasker(new byte[32]);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "curl -H 'Authorization: Bearer abc.def.ghi123' https://x | abc.def.ghi123",
            "curl -H 'X-Api-Key: k3yk3yk3y' https://x | k3yk3yk3y",
            "Cookie: session=deadbeefcafe | session=deadbeefcafe",
            "mysql --password=s3cr3t db | s3cr3t",
            "export DB_PASSWORD=\"hunter two\" | hunter two",
            "psql postgres://admin:Pa55word@db.internal/app | Pa55word",
            "token: 'zzzzzzzzz' | zzzzzzzzz",
            "{\"client_secret\": \"qwertyuiop\"} | qwertyuiop",
            "key AKIAIOSFODNN7EXAMPLE here | AKIAIOSFODNN7EXAMPLE",
            "gh auth ghp_0123456789abcdefghijklmnopqrstuvwxyz | ghp_0123456789abcdefghijklmnopqrstuvwxyz",
            "OPENAI sk-proj-abcdefghijklmnopqrstuvwx | sk-proj-abcdefghijklmnopqrstuvwx",
            "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U | dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "xoxb-1234567890-abcdefghij slack | xoxb-1234567890-abcdefghij",
            "https://api.x.com/v1?access_token=tok123456&q=1 | tok123456",
            "AUTHORIZATION: BASIC dXNlcjpwYXNz | dXNlcjpwYXNz",
            "X-API-KEY: UPPERCASEKEY1 | UPPERCASEKEY1",
            "BEARER Zm9vYmFyYmF6cXV4 | Zm9vYmFyYmF6cXV4",
            "MYSQL_PWD=topsecret9 mysql | topsecret9",
            "SESSION_ID=0f0f0f0f0f | 0f0f0f0f0f",
            "deploy --token abcdefgh123 now | abcdefgh123",
            "-----BEGIN RSA PRIVATE KEY----- MIIEowIBAAKCAQEA -----END RSA PRIVATE KEY----- | MIIEowIBAAKCAQEA",
            "push github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123 | github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123",
            "glab glpat-abcdefghijklmnopqrst12 | glpat-abcdefghijklmnopqrst12",
            "stripe sk_live_abcdefghijklmnop1234 | sk_live_abcdefghijklmnop1234",
            "maps AIzaSyA-abcdefghijklmnopqrstuvwxyz01234 | AIzaSyA-abcdefghijklmnopqrstuvwxyz01234",
            "npmrc npm_abcdefghijklmnopqrstuvwxyz0123456789 | npm_abcdefghijklmnopqrstuvwxyz0123456789",
    })
    void masksCredentialShapes(String text, String secret) {
        String masked = m.maskText(text);
        assertFalse(masked.contains(secret), masked);
        assertTrue(masked.contains("[masked fp="), masked);
    }

    @Test
    void leavesOrdinaryTextAlone() {
        for (String s : new String[]{"rm -rf build", "git commit --author=me -m 'fix token parsing'",
                "kubectl get pods -n prod", "GET https://api.github.com/repos/a/b"}) {
            assertEquals(s, m.maskText(s));
        }
    }

    @Test
    void fingerprintsAreStablePerKeyAndDifferAcrossInstalls() {
        assertEquals(m.fingerprint("x"), m.fingerprint("x"));
        assertNotEquals(m.fingerprint("x"), m.fingerprint("y"));
        byte[] other = new byte[32];
        other[0] = 1;
        assertNotEquals(m.fingerprint("x"), new SecretMasker(other).fingerprint("x"));
        assertEquals(12, m.fingerprint("x").length());
    }

    @Test
    void masksAlreadyMaskedTextIdempotently() {
        String once = m.maskText("password=abc123");
        assertEquals(once, m.maskText(once));
    }

    @Test
    void headersKeepTheirScheme() {
        assertEquals("Bearer " + m.mask("tok"), m.maskHeader("Authorization", "Bearer tok"));
        assertEquals(m.mask("raw"), m.maskHeader("x-api-key", "raw"));
        assertEquals("text/html", m.maskHeader("accept", "text/html"));
        assertEquals(m.mask("v"), m.maskNamed("AWS_SECRET_ACCESS_KEY", "v"));
        assertEquals("v", m.maskNamed("HOME", "v"));
    }
}
