package dev.interlock.hooks.install;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an agent's configuration should run: the installed hook client and the timeouts.
 *
 * @param client         the per-call client ({@code share/hooks/interlock-hook}, or {@code .cmd} on Windows)
 * @param timeoutSeconds the hook timeout written into the agent's config; it must exceed Interlock's approval
 *                       deadline and the client's wait, or the agent gives up first (and most agents then proceed)
 */
public record HookTarget(Path client, int timeoutSeconds) {
    public static final int DEFAULT_TIMEOUT = 300;
    private static final Path BASH = Path.of("/bin/bash");
    /** Margin between the client giving up and the agent giving up, so the client's fail-closed reply arrives. */
    public static final int CLIENT_MARGIN = 15;
    /** The client's own default wait (keep equal to ServiceClient.DEFAULT_BUDGET_SECONDS and the sh script). */
    static final int CLIENT_DEFAULT_BUDGET = 285;

    public HookTarget {
        if (timeoutSeconds < 60) {
            throw new IllegalArgumentException("hook timeout must be at least 60 s, got " + timeoutSeconds);
        }
    }

    /**
     * The command line for an agent: the client path (quoted when needed), the agent id, and a non-default budget.
     * The POSIX client runs under bash when the machine has it: the script would otherwise start in {@code sh} and
     * re-exec itself in bash (for its /dev/tcp transport), paying for two interpreter starts on every tool call.
     */
    public String command(String agent) {
        boolean posixScript = !client.getFileName().toString().contains(".");
        return (posixScript && Files.isExecutable(BASH) ? BASH + " " : "") + plainCommand(agent);
    }

    /** The command without an interpreter in front, for a given client file name (the Windows twin, say). */
    public String plainCommand(String agent, String clientFileName) {
        String p = client.resolveSibling(clientFileName).toString();
        String quoted = p.matches("[A-Za-z0-9_./:\\\\-]+") ? p : "\"" + p + "\"";
        int budget = timeoutSeconds - CLIENT_MARGIN;
        return quoted + " " + agent + (budget == CLIENT_DEFAULT_BUDGET ? "" : " " + budget);
    }

    private String plainCommand(String agent) {
        return plainCommand(agent, client.getFileName().toString());
    }

    /** True when a command string is one Interlock wrote (any install location). */
    public static boolean isOurs(String command) {
        return command != null && (command.contains("interlock-hook") || command.contains("interlock-amp")
                || command.matches("(?s).*\\binterlock(\\.cmd|\\.exe)?\"? hook\\b.*"));
    }
}
