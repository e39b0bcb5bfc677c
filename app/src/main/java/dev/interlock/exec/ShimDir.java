package dev.interlock.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The directory {@code interlock run} puts first on the agent's PATH: one entry per guarded program, each a
 * symlink to {@code share/hooks/interlock-shim}, which checks the call and then executes the real program found
 * later on PATH.
 */
public final class ShimDir {
    /** Programs that can destroy data or infrastructure, or move it off the machine. */
    public static final List<String> PROGRAMS = List.of(
            "rm", "rmdir", "mv", "dd", "shred", "truncate", "find", "chmod", "chown",
            "git", "gh", "psql", "mysql", "mariadb", "mongosh", "mongo", "redis-cli", "sqlite3", "pg_dump", "dropdb",
            "kubectl", "helm", "terraform", "tofu", "terragrunt", "pulumi", "docker", "podman", "docker-compose",
            "aws", "gcloud", "gsutil", "bq", "az", "doctl", "railway", "supabase", "vercel", "netlify", "flyctl", "fly",
            "heroku", "wrangler", "firebase", "neonctl", "planetscale", "pscale", "turso", "render", "curl", "wget",
            "http", "ssh", "scp", "rsync", "npx", "bunx", "pnpm", "sudo", "bash", "sh", "zsh");

    private ShimDir() {
    }

    /** Creates or refreshes the shim directory; entries that already point at {@code shim} are kept. */
    public static Path ensure(Path dir, Path shim) throws IOException {
        Files.createDirectories(dir);
        Path target = shim.toAbsolutePath();
        for (String p : PROGRAMS) {
            Path link = dir.resolve(p);
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
                continue;
            }
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, target);
        }
        return dir;
    }
}
