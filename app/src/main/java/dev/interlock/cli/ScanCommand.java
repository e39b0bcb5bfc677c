package dev.interlock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.config.DataDir;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Policies;
import dev.interlock.secrets.Fingerprints;
import dev.interlock.secrets.SecretFinder;
import dev.interlock.secrets.WorkspaceScanner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code interlock scan [DIR]}: every credential an agent working in DIR could read. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"List every credential an agent working in DIR could read: file, line, kind, masked value, risk.",
                "Exit code: 0 nothing found, 1 credentials found, 2 usage error."})
public final class ScanCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Workspace to scan (default: current directory).")
    Path dir = Path.of(".");

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--gitignore", description = "Skip files git ignores (by default they are scanned: agents can read them).")
    boolean gitignore;

    @Option(names = "--all", description = "Also scan vendored and build directories (node_modules, target, dist, …).")
    boolean all;

    @Option(names = "--max-size", paramLabel = "BYTES", description = "Skip files larger than this (default 1048576).")
    long maxSize = 1024 * 1024;

    @Override
    public Integer call() throws IOException {
        SecretFinder finder;
        try {
            finder = SecretFinder.fromPacks(Policies.loadAll(DataDir.resolve().packs()),
                    Fingerprints.forInstall(DataDir.resolve()));
        } catch (PackException e) {
            System.err.println("interlock: cannot load policy packs: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        WorkspaceScanner scanner = new WorkspaceScanner(finder);
        WorkspaceScanner.Options options = new WorkspaceScanner.Options(gitignore, all, maxSize);
        WorkspaceScanner.Report report;
        try {
            int total = scanner.listFiles(dir.toAbsolutePath().normalize(), options).size();
            ProgressBar bar = new ProgressBar(total, !json && System.console() != null);
            report = scanner.scan(dir, options, bar::update);
            bar.finish();
        } catch (IOException e) {
            System.err.println("interlock scan: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (json) {
            System.out.println(JSON.writeValueAsString(toJson(report)));
        } else {
            print(report);
        }
        return report.items().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static ObjectNode toJson(WorkspaceScanner.Report r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("root", r.root().toString());
        o.put("files_scanned", r.filesScanned());
        o.put("files_skipped", r.filesSkipped());
        o.put("millis", r.took().toMillis());
        ArrayNode items = o.putArray("findings");
        for (WorkspaceScanner.Item i : r.items()) {
            ObjectNode n = items.addObject();
            n.put("file", i.file());
            n.put("line", i.line());
            n.put("detector", i.detectorId());
            n.put("provider", i.provider());
            n.put("kind", i.kind());
            n.put("masked", i.masked());
            n.put("fingerprint", i.fingerprint());
            n.put("risk", i.risk());
        }
        return o;
    }

    private static void print(WorkspaceScanner.Report r) {
        List<WorkspaceScanner.Item> items = r.items();
        System.out.printf("Scanned %d files in %s (%d skipped: binary or too large) in %d ms%n", r.filesScanned(),
                r.root(), r.filesSkipped(), r.took().toMillis());
        if (items.isEmpty()) {
            System.out.println("No credentials found.");
            return;
        }
        System.out.printf("%d credential%s an agent could read:%n%n", items.size(), items.size() == 1 ? "" : "s");
        for (WorkspaceScanner.Item i : items) {
            String who = i.provider().equals("any") ? "" : i.provider() + " ";
            System.out.printf("  %s:%d  %s%s  %s  (fp=%s)%n", Safe.visible(i.file()), i.line(), who, i.kind(),
                    i.masked(), i.fingerprint());
            System.out.println("      " + i.risk());
        }
    }

    /** A one-line progress bar on stderr, only on a terminal. */
    private static final class ProgressBar {
        private final int total;
        private final boolean enabled;
        private long lastDraw;

        ProgressBar(int total, boolean enabled) {
            this.total = total;
            this.enabled = enabled;
        }

        void update(int done) {
            long now = System.nanoTime();
            if (!enabled || (now - lastDraw < 100_000_000L && done < total)) {
                return;
            }
            lastDraw = now;
            int width = 30;
            int filled = total == 0 ? width : (int) ((long) done * width / total);
            System.err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total + " files");
        }

        void finish() {
            if (enabled) {
                System.err.print("\r" + " ".repeat(60) + "\r");
            }
        }
    }
}
