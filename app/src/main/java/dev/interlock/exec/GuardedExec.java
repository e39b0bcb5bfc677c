package dev.interlock.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.hooks.HookAdapter.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.ExecuteException;

/**
 * Runs one program after Interlock has checked it: {@code interlock exec} and {@code interlock run}. The check is
 * the same one the shims make (agent {@code shim}); a blocked program never starts.
 */
public final class GuardedExec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GuardedExec() {
    }

    /** The shim payload for an argv ({@link dev.interlock.hooks.ShimAdapter}). */
    public static byte[] payload(List<String> argv, Path cwd, String agent) {
        ObjectNode p = JSON.createObjectNode();
        ArrayNode a = p.putArray("argv");
        argv.forEach(a::add);
        p.put("cwd", cwd.toString());
        p.put("agent", agent);
        p.put("pid", ProcessHandle.current().pid());
        try {
            return JSON.writeValueAsBytes(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks, then runs with inherited stdio. Returns the program's exit code (128+N when killed by signal N), or
     * the check's non-zero exit code (126 when blocked) after printing its reason.
     *
     * @param check decides a shim payload (the service, or the local policy when it is down)
     */
    public static int run(List<String> argv, Map<String, String> env, Path cwd, String agent,
                          Function<byte[], Reply> check) throws IOException {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no command given (put it after --)");
        }
        Reply r = check.apply(payload(argv, cwd, agent));
        if (r.exitCode() != 0) {
            System.err.println(r.stderr().isBlank() ? "interlock: blocked" : r.stderr());
            return r.exitCode();
        }
        return execute(argv, env, cwd);
    }

    /** Runs without a check (the program was already checked, or is the agent itself under {@code run}). */
    public static int execute(List<String> argv, Map<String, String> env, Path cwd) throws IOException {
        CommandLine cl = new CommandLine(argv.get(0));
        argv.subList(1, argv.size()).forEach(arg -> cl.addArgument(arg, false));
        InheritingExecutor ex = new InheritingExecutor();
        ex.setWorkingDirectory(cwd.toFile());
        try {
            return ex.execute(cl, env);
        } catch (ExecuteException e) {
            return e.getExitValue();
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            System.err.println("interlock: cannot run " + argv.get(0) + ": " + msg);
            return msg.contains("error=2") || msg.contains("No such file") ? 127 : 126;
        }
    }
}
