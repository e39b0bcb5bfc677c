package dev.interlock.service;

import dev.interlock.config.DataDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A small bundled-packs directory with file rules, for guard tests (no shell analyzer needed). */
public final class TestPacks {
    public static final String PACK = """
            pack: test
            title: Test rules for the guard
            rules:
              - id: secret-read
                severity: high
                verdict: ask
                explain: Reads a secrets file.
                when:
                  - file: {modes: [read], names: [".env"]}
                examples:
                  match:
                    - file: {path: /p/.env, mode: read}
                    - file: {path: /q/.env, mode: read}
                  no_match:
                    - file: {path: /p/env, mode: read}
              - id: note-write
                severity: medium
                verdict: ask
                explain: Writes a note.
                when:
                  - file: {modes: [write], names: ["*.note"]}
                examples:
                  match:
                    - file: {path: /p/a.note, mode: write}
                    - file: {path: /q/b.note, mode: write}
                  no_match:
                    - file: {path: /p/a.txt, mode: write}
              - id: db-delete
                severity: critical
                verdict: ask
                explain: Deletes a database file.
                when:
                  - file: {modes: [delete], names: ["*.db"]}
                examples:
                  match:
                    - file: {path: /p/prod.db, mode: delete}
                    - file: {path: /q/x.db, mode: delete}
                  no_match:
                    - file: {path: /p/prod.db, mode: read}
              - id: etc-write
                severity: high
                verdict: deny
                explain: Writes system configuration.
                when:
                  - file: {modes: [write, edit, delete], paths: ["/etc/**"]}
                examples:
                  match:
                    - file: {path: /etc/passwd, mode: write}
                    - file: {path: /etc/hosts, mode: edit}
                  no_match:
                    - file: {path: /etc/passwd, mode: read}
            """;

    private TestPacks() {
    }

    /** Writes the test pack into {@code root/bundled} and returns that directory. */
    public static Path bundled(Path root) throws IOException {
        Path dir = root.resolve("bundled");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("test.yaml"), PACK);
        return dir;
    }

    /** A guard over {@code root/home} with the test pack and a short deadline. */
    public static GuardService guard(Path root, Duration deadline) throws Exception {
        return GuardService.open(new DataDir(root.resolve("home")), GuardService.Options.DEFAULT
                .withBundledPacks(bundled(root)).withDeadline(deadline).withWatchFiles(false));
    }
}
