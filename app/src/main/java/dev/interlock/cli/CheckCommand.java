package dev.interlock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.action.Action;
import dev.interlock.action.ActionJson;
import dev.interlock.policy.Decision;
import dev.interlock.policy.DecisionJson;
import dev.interlock.policy.PolicyEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code interlock check}: what would Interlock do with this command or request? Exit 0 allow, 3 ask, 4 deny. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Decide what Interlock would do with a shell command or an HTTP request.",
                "Exit code: 0 allow, 3 ask, 4 deny, 2 usage error."},
        footer = {"", "Examples:",
                "  interlock check -- 'git push --force origin main'",
                "  interlock check --json --http POST https://backboard.railway.app/graphql/v2 \\",
                "      -H 'Content-Type: application/json' --data '{\"query\":\"mutation { volumeDelete(volumeId: \\\"v1\\\") }\"}'",
                "  echo '{\"command\":\"rm -rf /\"}' | interlock check --jsonl"})
public final class CheckCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ActionOptions action;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--jsonl", description = "Read one action per line on stdin, write one JSON decision per line.")
    boolean jsonl;

    @Override
    public Integer call() throws IOException {
        Optional<PolicyEngine> loaded = EngineLoader.loadOrReport();
        if (loaded.isEmpty()) {
            return ExitCodes.USAGE;
        }
        PolicyEngine engine = loaded.get();
        if (jsonl) {
            return batch(engine);
        }
        Action a;
        try {
            a = action.toAction();
        } catch (IllegalArgumentException e) {
            System.err.println("interlock check: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Decision d = engine.evaluate(a);
        if (json) {
            System.out.println(JSON.writeValueAsString(DecisionJson.toJson(d)));
        } else {
            new DecisionPrinter(System.out, DecisionPrinter.wantsColor()).print(a, d);
        }
        return d.verdict().exitCode();
    }

    private int batch(PolicyEngine engine) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            String reply;
            try {
                Decision d = engine.evaluate(parseLine(line));
                reply = JSON.writeValueAsString(DecisionJson.toJson(d));
            } catch (IllegalArgumentException e) {
                ObjectNode err = JSON.createObjectNode();
                err.put("error", "line " + lineNo + ": " + e.getMessage());
                reply = JSON.writeValueAsString(err);
            }
            out.println(reply);
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** One JSONL input line: {@code {"command","cwd"}} or {@code {"http": {"method","url","headers","body"}}}. */
    static Action parseLine(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with \"command\" or \"http\"");
        }
        if (n.hasNonNull("command")) {
            if (!n.get("command").isTextual()) {
                throw new IllegalArgumentException("\"command\" must be a string");
            }
            ObjectNode shell = n.deepCopy();
            shell.put("kind", "shell");
            return ActionJson.fromJson(shell);
        }
        if (n.hasNonNull("http") && n.get("http").isObject()) {
            ObjectNode http = n.get("http").deepCopy();
            http.put("kind", "http");
            return ActionJson.fromJson(http);
        }
        throw new IllegalArgumentException("expected \"command\" or \"http\"");
    }
}
