package dev.interlock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.config.DataDir;
import dev.interlock.server.ControlClient;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code interlock approvals}: the headless approval prompt. Answers are read from the controlling terminal
 * ({@code /dev/tty}), never from standard input, so an agent cannot pipe a "y" into it.
 */
@Command(name = "approvals", mixinStandardHelpOptions = true,
        description = "Answer pending asks in this terminal (reads your keys from the controlling TTY, never from a pipe).")
public final class ApprovalsCommand implements Callable<Integer> {
    @Option(names = "--once", description = "Answer what is pending now, then exit (instead of waiting for more).")
    boolean once;

    @Option(names = "--tty", hidden = true, defaultValue = "/dev/tty", description = "The terminal device to use.")
    String tty;

    private BufferedReader in;
    private PrintStream out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        try {
            in = new BufferedReader(new InputStreamReader(new FileInputStream(tty), StandardCharsets.UTF_8));
            out = new PrintStream(new FileOutputStream(tty), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("interlock approvals needs a terminal: it reads your answers from the controlling TTY ("
                    + tty + "), never from standard input, and none is available here (" + e.getMessage() + ").");
            return ExitCodes.USAGE;
        }
        DataDir dir = DataDir.resolve();
        Optional<ControlClient> c = ControlClient.connect(dir, true);
        if (c.isEmpty() || c.get().status().isEmpty()) {
            out.println("Interlock is not running (data directory " + dir.root() + "); start `interlock serve --headless`.");
            return ExitCodes.FAILURE;
        }
        ControlClient client = c.get();
        Set<String> skipped = new HashSet<>();
        boolean announced = false;
        while (true) {
            ControlClient.Response r;
            try {
                r = client.get("/v1/approvals", Duration.ofSeconds(5));
            } catch (IOException e) {
                out.println("Interlock stopped answering (" + e.getMessage() + ").");
                return ExitCodes.FAILURE;
            }
            if (!r.ok()) {
                out.println("interlock: " + r.error());
                return ExitCodes.FAILURE;
            }
            JsonNode next = null;
            for (JsonNode p : r.json().path("pending")) {
                if (!skipped.contains(p.path("id").asText())) {
                    next = p;
                    break;
                }
            }
            if (next == null) {
                if (once) {
                    out.println("No pending approvals.");
                    return ExitCodes.OK;
                }
                if (!announced) {
                    out.println("Waiting for approvals… (Ctrl-C to quit)");
                    announced = true;
                }
                Thread.sleep(500);
                continue;
            }
            announced = false;
            if (ask(client, next)) {
                skipped.add(next.path("id").asText());
            }
            if (quit) {
                return ExitCodes.OK;
            }
        }
    }

    private boolean quit;

    /** Shows one approval and sends the answer; true when the human chose to skip it (not shown again). */
    private boolean ask(ControlClient client, JsonNode p) throws IOException {
        String id = p.path("id").asText();
        JsonNode d = p.path("decision");
        JsonNode origin = p.path("origin");
        out.println();
        out.println("━━ approval " + id + " ━━ " + d.path("severity").asText().toUpperCase(Locale.ROOT) + " — "
                + origin.path("agent").asText() + " wants to " + p.path("kind").asText() + ":");
        out.println("  " + Safe.visible(p.path("summary").asText()));
        if (origin.hasNonNull("workspace")) {
            out.println("  workspace: " + Safe.visible(origin.path("workspace").asText()));
        }
        if (origin.hasNonNull("sessionId")) {
            out.println("  session:   " + Safe.visible(origin.path("sessionId").asText()));
        }
        for (JsonNode rule : d.path("rules")) {
            out.println("  rule " + rule.path("pack").asText() + "/" + rule.path("id").asText() + " ["
                    + rule.path("severity").asText() + ", " + rule.path("verdict").asText() + "]: "
                    + Safe.visible(rule.path("explain").asText()));
            if (rule.hasNonNull("target")) {
                out.println("    target: " + Safe.visible(rule.path("target").asText()));
            }
        }
        d.path("notes").forEach(n -> out.println("  note: " + Safe.visible(n.asText())));
        out.println("  details: " + Safe.visible(p.path("action").toString()));
        long left = Duration.between(Instant.now(), Instant.parse(p.path("deadline").asText())).toSeconds();
        out.println("  denied automatically in " + Math.max(0, left) + " s" + (p.path("agentWaiting").asBoolean() ? ""
                : " (the agent is no longer waiting; an approval lets its identical retry through once)")
                + (p.path("joined").asInt() > 1 ? "; " + p.path("joined").asInt() + " identical requests" : ""));
        boolean critical = p.hasNonNull("typeToConfirm");
        out.print("Allow?  [y] once  [m] for minutes  [s] this session" + (critical ? "" : "  [a] always")
                + "  [n] deny  [enter] skip  [q] quit: ");
        out.flush();
        String key = line();
        if (key == null || key.equalsIgnoreCase("q")) {
            quit = true;
            return true;
        }
        key = key.trim().toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
            return true;
        }
        ObjectNode answer = ControlClient.object();
        answer.put("surface", "terminal");
        if (key.equals("n")) {
            answer.put("allow", false);
        } else if (key.equals("y") || key.equals("m") || key.equals("s") || key.equals("a")) {
            answer.put("allow", true);
            ObjectNode grant = answer.putObject("grant");
            grant.put("lifetime", switch (key) {
                case "m" -> "minutes";
                case "s" -> "session";
                case "a" -> "always";
                default -> "once";
            });
            if (key.equals("m")) {
                out.print("  minutes [15]: ");
                String m = line();
                grant.put("minutes", m == null || m.isBlank() ? 15 : parseInt(m.trim(), 15));
            }
            if (!key.equals("y") && !key.equals("a")) {
                String rule = d.path("rules").path(0).path("pack").asText() + "/" + d.path("rules").path(0).path("id").asText();
                out.print("  covers: [e] this exact action  [r] anything " + rule + " matches  (e): ");
                String s = line();
                grant.put("scope", s != null && s.trim().equalsIgnoreCase("r") ? "rule" : "exact");
            }
            if (!key.equals("y") && origin.hasNonNull("workspace")) {
                out.print("  only in " + origin.path("workspace").asText() + "? [Y/n]: ");
                String w = line();
                if (w == null || !w.trim().equalsIgnoreCase("n")) {
                    grant.put("workspace", origin.path("workspace").asText());
                }
            }
            if (critical) {
                out.print("  CRITICAL: type the target's name (" + p.path("typeToConfirm").asText() + ") to approve: ");
                String t = line();
                answer.put("typedTarget", t == null ? "" : t.trim());
            }
        } else {
            out.println("  (not a choice)");
            return false;
        }
        ControlClient.Response r = client.post("/v1/approvals/" + id, answer, Duration.ofSeconds(10));
        if (r.ok()) {
            out.println("  → " + r.json().path("state").asText() + " (" + r.json().path("decidedBy").asText() + ")");
            return false;
        }
        out.println("  ✗ not accepted: " + r.error());
        return false;
    }

    private String line() throws IOException {
        out.flush();
        return in.readLine();
    }

    private static int parseInt(String s, int dflt) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
