package dev.interlock.cli;

import dev.interlock.config.DataDir;
import dev.interlock.proxy.ProxyEnvironment;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code interlock env}: the environment that routes a process through Interlock's proxy and trusts its CA. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = {"Print the environment that routes a process through Interlock's HTTPS proxy and makes it "
                + "trust Interlock's CA.",
                "Use:  eval \"$(interlock env)\"   (fish: interlock env --shell fish | source;"
                        + " PowerShell: interlock env --shell powershell | Invoke-Expression)"})
public final class EnvCommand implements Callable<Integer> {
    @Option(names = "--shell", paramLabel = "SHELL",
            description = "bash, zsh, fish or powershell (default: from $SHELL; powershell on Windows)")
    ProxyEnvironment.Shell shell;

    @Option(names = "--agent", paramLabel = "NAME",
            description = "name the agent in the proxy URL, so its requests are attributed to it")
    String agent;

    @Option(names = "--session", paramLabel = "ID", description = "the agent's session id (with --agent)")
    String session;

    @Option(names = "--port", paramLabel = "PORT", description = "the proxy's port (default: from settings)")
    Integer port;

    @Override
    public Integer call() {
        DataDir dir = DataDir.resolve();
        int p = port != null ? port : ProxyPort.configured(dir);
        Map<String, String> vars;
        try {
            vars = ProxyEnvironment.variables(dir, p, agent, session);
        } catch (IOException e) {
            System.err.println("interlock: cannot prepare the CA files in " + dir.ca() + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        ProxyEnvironment.Shell s = shell != null ? shell : ProxyEnvironment.Shell.detect();
        String comment = s == ProxyEnvironment.Shell.POWERSHELL ? "# " : "# ";
        System.out.print(comment + "Interlock proxy on 127.0.0.1:" + p + "; raw TCP clients (psql, mysql, redis-cli, "
                + "ssh) ignore proxies and are covered by the shell rules instead\n");
        System.out.print(ProxyEnvironment.render(vars, s));
        return ExitCodes.OK;
    }
}
