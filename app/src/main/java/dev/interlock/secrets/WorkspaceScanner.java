package dev.interlock.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Walks a workspace and reports every credential an agent working there could read. By default everything is
 * scanned, including files git ignores ({@code .env} files are usually ignored, and they are exactly where
 * tokens live); {@code respectGitignore} narrows the scan to what git would track.
 */
public final class WorkspaceScanner {
    /** Directories skipped unless {@link Options#includeVendored()}: large, vendored, rarely hold user secrets. */
    static final Set<String> VENDORED = Set.of(".git", "node_modules", ".venv", "venv", "__pycache__", ".tox",
            ".gradle", ".m2", ".next", ".nuxt", ".terraform", "vendor", "target", "dist", "build", ".cache");

    public record Options(boolean respectGitignore, boolean includeVendored, long maxFileBytes) {
        public static Options defaults() {
            return new Options(false, false, 1024 * 1024);
        }
    }

    public record Item(String file, int line, String detectorId, String provider, String kind, String masked,
                       String fingerprint, String risk) {
    }

    public record Report(Path root, int filesScanned, int filesSkipped, List<Item> items, Duration took) {
    }

    private final SecretFinder finder;

    public WorkspaceScanner(SecretFinder finder) {
        this.finder = finder;
    }

    /**
     * Scans {@code root}. {@code progress} is told the number of files done after each file (total first via
     * {@link #listFiles}).
     */
    public Report scan(Path root, Options options, IntConsumer progress) throws IOException {
        long t0 = System.nanoTime();
        Path base = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(base)) {
            throw new IOException("not a directory: " + root);
        }
        List<Path> files = listFiles(base, options);
        Set<Path> tracked = gitTracked(base);
        List<Item> items = new ArrayList<>();
        int scanned = 0;
        int skipped = 0;
        int done = 0;
        for (Path f : files) {
            String text = readText(f, options.maxFileBytes());
            if (text == null) {
                skipped++;
            } else {
                scanned++;
                String rel = base.relativize(f).toString().replace('\\', '/');
                for (Finding fd : finder.find(text, f.getFileName().toString())) {
                    items.add(new Item(rel, fd.line(), fd.detector().id(), fd.detector().provider(),
                            fd.detector().kind(), fd.masked(), fd.fingerprint(), risk(fd.detector(), f, tracked)));
                }
            }
            progress.accept(++done);
        }
        return new Report(base, scanned, skipped, items, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** The files a scan of {@code base} reads, in a stable order. */
    public List<Path> listFiles(Path base, Options options) throws IOException {
        if (options.respectGitignore()) {
            List<Path> fromGit = gitFiles(base, true);
            if (fromGit != null) {
                return fromGit;
            }
        }
        List<Path> out = new ArrayList<>();
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(base) && (name.equals(".git") || (!options.includeVendored() && VENDORED.contains(name)))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    out.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }

    private String risk(Detector d, Path file, Set<Path> tracked) {
        String where = file.getFileName().toString();
        boolean env = SecretFinder.isEnvStyle(where);
        StringBuilder sb = new StringBuilder();
        if (d.accountWide()) {
            sb.append(env ? d.provider() + " credential with account-wide scope: an agent that reads this file can act on the whole account"
                    : d.provider() + " credential with account-wide scope found outside any .env file");
        } else if (!env) {
            sb.append("credential outside any .env file");
        } else {
            sb.append("credential an agent can read");
        }
        if (tracked.contains(file)) {
            sb.append("; the file is committed to git");
        }
        sb.append("; move it out of the workspace (a secret manager, or ~/.config with 0600) and rotate it");
        return sb.toString();
    }

    /** Reads a text file, or null for binaries (a NUL byte or invalid UTF-8) and files over the size bound. */
    static String readText(Path f, long maxBytes) {
        try {
            if (Files.size(f) > maxBytes) {
                return null;
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(f)) {
                bytes = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 8));
            }
            int probe = Math.min(bytes.length, 8000);
            for (int i = 0; i < probe; i++) {
                if (bytes[i] == 0) {
                    return null;
                }
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return new String(bytes, StandardCharsets.ISO_8859_1);
            }
        } catch (IOException e) {
            return null;
        }
    }

    private static Set<Path> gitTracked(Path base) {
        List<Path> files = gitFiles(base, false);
        return files == null ? Set.of() : new HashSet<>(files);
    }

    /** Files git lists under {@code base} (tracked, plus untracked-not-ignored when asked), or null outside git. */
    private static List<Path> gitFiles(Path base, boolean withUntracked) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", base.toString(), "ls-files", "-z", "--cached"));
        if (withUntracked) {
            cmd.add("--others");
            cmd.add("--exclude-standard");
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            List<Path> files = new ArrayList<>();
            for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
                if (!name.isEmpty()) {
                    Path f = base.resolve(name).normalize();
                    if (Files.isRegularFile(f)) {
                        files.add(f);
                    }
                }
            }
            files.sort(null);
            return files;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
