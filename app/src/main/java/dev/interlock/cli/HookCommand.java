package dev.interlock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.broker.Guard;
import dev.interlock.config.DataDir;
import dev.interlock.hooks.HookAdapter.Reply;
import dev.interlock.hooks.HookAdapters;
import dev.interlock.hooks.HookHandler;
import dev.interlock.hooks.HostDetector;
import dev.interlock.hooks.ServiceClient;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code interlock hook <agent>}: answer one agent hook call (payload on stdin). Asks the running service first;
 * when it cannot be reached, decides with the local policy and fails closed. The fast path is
 * {@code share/hooks/interlock-hook} (sh + curl), which calls this only as its fallback.
 */
@Command(name = "hook", mixinStandardHelpOptions = true,
        description = {"Answer one coding-agent hook call: payload on stdin, the agent's reply on stdout/stderr/exit code.",
                "Agents: claude-code, cursor, gemini, codex, copilot, cline, windsurf, amp, opencode, shim."})
public final class HookCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "AGENT", description = "The agent whose hook protocol to speak.")
    String agent;

    @Option(names = "--offline", paramLabel = "WHY",
            description = "Do not contact the service (the caller already found it unreachable, for this reason).")
    String offline;

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        try {
            Map<String, String> env = System.getenv();
            byte[] body = System.in.readAllBytes();
            String canonical = HookHandler.canonical(agent);
            if (canonical.equals("amp")) {
                body = wrapAmp(body, env);
            }
            String hint = HostDetector.fromEnvironment(env).orElse(null);
            String why = offline;
            if (why == null) {
                try {
                    return print(new ServiceClient(DataDir.resolve(), budget(env)).post(canonical, body, hint), out);
                } catch (ServiceClient.Unavailable e) {
                    why = e.getMessage();
                }
            }
            return print(new HookHandler(HookAdapters.standard(), localGuard(why)).handle(canonical, body, hint), out);
        } catch (Throwable t) {
            // picocli would turn an exception into exit 1, which several agents treat as "proceed".
            System.err.println("Blocked by Interlock: the hook failed (" + t + ").");
            return 2;
        }
    }

    private static Guard localGuard(String why) {
        return EngineLoader.offlineGuard(why);
    }

    private static Duration budget(Map<String, String> env) {
        String s = env.get("INTERLOCK_HOOK_TIMEOUT");
        return Duration.ofSeconds(s != null && s.matches("\\d{1,5}") ? Long.parseLong(s) : ServiceClient.DEFAULT_BUDGET_SECONDS);
    }

    /** Amp gives only the tool's parameters on stdin; the tool name and thread come in the environment. */
    static byte[] wrapAmp(byte[] body, Map<String, String> env) throws java.io.IOException {
        JsonNode params;
        try {
            params = JSON.readTree(body);
        } catch (java.io.IOException e) {
            return body; // the adapter fails closed on it
        }
        if (params != null && params.has("amp_tool")) {
            return body;
        }
        String tool = env.get("AGENT_TOOL_NAME");
        if (tool == null) {
            return body; // no amp_tool: the adapter fails closed naming the missing field
        }
        ObjectNode w = JSON.createObjectNode();
        w.put("amp_tool", tool);
        w.put("amp_thread_id", env.get("AMP_THREAD_ID"));
        w.put("cwd", System.getProperty("user.dir"));
        w.set("params", params);
        return JSON.writeValueAsBytes(w);
    }

    private static int print(Reply r, PrintStream out) {
        if (!r.stdout().isEmpty()) {
            out.println(r.stdout());
        }
        if (!r.stderr().isEmpty()) {
            System.err.println(r.stderr());
        }
        out.flush();
        return r.exitCode();
    }
}
