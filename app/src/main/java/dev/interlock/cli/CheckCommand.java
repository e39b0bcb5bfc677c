package dev.interlock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.action.Action;
import dev.interlock.action.HttpCall;
import dev.interlock.action.ShellCommand;
import dev.interlock.policy.Decision;
import dev.interlock.policy.DecisionJson;
import dev.interlock.policy.PackException;
import dev.interlock.policy.PolicyEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        PolicyEngine engine;
        try {
            engine = EngineLoader.load();
        } catch (PackException e) {
            System.err.println("interlock: cannot load policy packs: " + e.getMessage());
            return ExitCodes.USAGE;
        }
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
            } catch (IllegalArgumentException | IOException e) {
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
    static Action parseLine(String line) throws IOException {
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
            String cwd = n.hasNonNull("cwd") ? n.get("cwd").asText() : null;
            return new ShellCommand(n.get("command").asText(), cwd);
        }
        if (n.hasNonNull("http")) {
            JsonNode h = n.get("http");
            if (!h.isObject() || !h.hasNonNull("url") || !h.get("url").isTextual()) {
                throw new IllegalArgumentException("\"http\" needs at least a \"url\" string");
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            JsonNode hs = h.get("headers");
            if (hs != null && hs.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = hs.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    List<String> values = new ArrayList<>();
                    if (e.getValue().isArray()) {
                        e.getValue().forEach(v -> values.add(v.asText()));
                    } else {
                        values.add(e.getValue().asText());
                    }
                    headers.put(e.getKey(), values);
                }
            }
            JsonNode body = h.get("body");
            String bodyText = body == null || body.isNull() ? "" : body.isTextual() ? body.asText() : body.toString();
            String method = h.hasNonNull("method") ? h.get("method").asText() : "GET";
            return new HttpCall(method, h.get("url").asText(), headers, bodyText);
        }
        throw new IllegalArgumentException("expected \"command\" or \"http\"");
    }
}
