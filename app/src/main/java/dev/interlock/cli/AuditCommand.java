package dev.interlock.cli;

import dev.interlock.audit.AuditExport;
import dev.interlock.audit.AuditFilter;
import dev.interlock.audit.AuditLog;
import dev.interlock.audit.AuditRecord;
import dev.interlock.audit.ExportFormat;
import dev.interlock.audit.VerifyReport;
import dev.interlock.config.DataDir;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code interlock audit}: search, verify and export the audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Show the audit log, newest first. QUERY uses the timeline's search syntax: key:value tokens "
                + "(agent: session: workspace: kind: verdict: severity: decided: rule: approval: type: since: until:) "
                + "and free text, e.g. `interlock audit agent:cursor verdict:deny since:2h rm -rf`.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
public final class AuditCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Option(names = "--since", paramLabel = "WHEN", description = "Only rows since: 30m, 2h, 7d, or a date/time.")
    String since;

    @Option(names = "--agent", description = "Only this agent.")
    List<String> agents = new ArrayList<>();

    @Option(names = "--verdict", description = "Only this final verdict: allow, ask, deny.")
    List<String> verdicts = new ArrayList<>();

    @Option(names = "--search", paramLabel = "TEXT", description = "Free text in the summary, rules or workspace.")
    String search;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Option(names = "--csv", description = "CSV with a header line.")
    boolean csv;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many rows (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--offset", defaultValue = "0", description = "Skip this many rows (paging).")
    int offset;

    @Parameters(arity = "0..*", paramLabel = "QUERY", description = "Search tokens.")
    List<String> query = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        AuditFilter filter;
        try {
            filter = filter(String.join(" ", query));
        } catch (IllegalArgumentException e) {
            System.err.println("interlock audit: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (json && csv) {
            System.err.println("interlock audit: choose --json or --csv, not both");
            return ExitCodes.USAGE;
        }
        DataDir dir = DataDir.resolve();
        if (!Files.exists(dir.database())) {
            System.err.println("No audit log yet at " + dir.database() + ".");
            return ExitCodes.OK;
        }
        try (AuditLog log = AuditLog.open(dir)) {
            List<AuditRecord> rows = log.query(filter, offset, limit);
            PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
            if (json || csv) {
                AuditExport e = new AuditExport(json ? ExportFormat.JSONL : ExportFormat.CSV, out);
                e.header();
                for (AuditRecord r : rows) {
                    e.row(r);
                }
            } else {
                out.printf("%-7s %-19s %-12s %-5s %-6s %-16s %7s  %s%n", "ID", "TIME", "AGENT", "KIND", "VERDICT",
                        "DECIDED BY", "WAIT", "SUMMARY");
                for (AuditRecord r : rows) {
                    String summary = Safe.visible(r.summary() == null ? "" : r.summary());
                    if (summary.length() > 100) {
                        summary = summary.substring(0, 99) + "…";
                    }
                    String type = r.type().equals("action") ? "" : "[" + r.type() + "] ";
                    String exit = r.exitCode() == null ? "" : "  → exit " + r.exitCode();
                    out.printf("%-7d %-19s %-12s %-5s %-6s %-16s %6dms  %s%s%s%n", r.id(), TIME.format(r.time()),
                            cut(r.agent(), 12), cut(r.kind(), 5), cut(r.verdict(), 6), cut(r.decidedBy(), 16), r.waitMs(),
                            type, summary, exit);
                }
                long total = log.count(filter);
                out.printf("%d of %d matching rows%s%n", rows.size(), total,
                        total > offset + rows.size() ? " (--offset " + (offset + rows.size()) + " for more)" : "");
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    private AuditFilter filter(String q) {
        AuditFilter f = AuditFilter.parse(q);
        if (since != null) {
            f = f.withSince(AuditFilter.parseTime(since, java.time.Instant.now()));
        }
        for (String a : agents) {
            f = f.withAgent(a);
        }
        for (String v : verdicts) {
            f = f.withVerdict(v);
        }
        if (search != null && !search.isBlank()) {
            f = f.withText(search);
        }
        return f;
    }

    private static String cut(String s, int n) {
        if (s == null) {
            return "-";
        }
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the hash chain; report the first broken link and exit non-zero if any.")
    static final class Verify implements Callable<Integer> {
        @Override
        public Integer call() {
            Path db = DataDir.resolve().database();
            VerifyReport r = AuditLog.verify(db);
            if (r.ok()) {
                System.out.println("ok: " + r.rowsChecked() + " rows, hash chain intact (" + db + ")");
                return ExitCodes.OK;
            }
            System.out.println("BROKEN: " + r.problem() + (r.brokenAtId() > 0 ? " [row " + r.brokenAtId() + "]" : "")
                    + " — " + r.rowsChecked() + " rows checked (" + db + ")");
            return ExitCodes.FAILURE;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export the full history (or the rows matching QUERY), oldest first, streamed.")
    static final class Export implements Callable<Integer> {
        @Option(names = "--format", required = true, description = "jsonl or csv")
        String format;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file (- for standard output).")
        String out;

        @Parameters(arity = "0..*", paramLabel = "QUERY", description = "Search tokens (default: everything).")
        List<String> query = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            ExportFormat f;
            AuditFilter filter;
            try {
                f = ExportFormat.parse(format);
                filter = query.isEmpty() ? AuditFilter.ALL : AuditFilter.parse(String.join(" ", query));
            } catch (IllegalArgumentException e) {
                System.err.println("interlock audit export: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            DataDir dir = DataDir.resolve();
            if (!Files.exists(dir.database())) {
                System.err.println("No audit log yet at " + dir.database() + ".");
                return ExitCodes.FAILURE;
            }
            try (AuditLog log = AuditLog.open(dir)) {
                long n;
                if (out.equals("-")) {
                    Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                    n = log.export(filter, f, w);
                    w.flush();
                } else {
                    try (Writer w = Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8)) {
                        n = log.export(filter, f, w);
                    }
                    System.err.println("exported " + n + " rows to " + out);
                }
            }
            return ExitCodes.OK;
        }
    }
}
