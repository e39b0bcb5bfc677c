package dev.interlock.policy.shell;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Options that take a separate value, per program, so that {@code kubectl -n prod delete pod x} has the
 * positional words {@code delete pod x} (not {@code prod delete pod x}). Keys are a program name or a program
 * followed by subcommand words ({@code "docker compose"}, {@code "git commit"}): flags listed under a longer
 * key apply once those subcommand words have been seen. Only flags that always take a value are listed;
 * flags whose meaning depends on the subcommand (docker's {@code -f}: force or file) are listed under the
 * subcommand or not at all. Packs add more with {@code value_flags:}.
 */
final class ProgramFlags {
    private static final Map<String, Set<String>> TABLE = new HashMap<>();

    private static void put(String key, String... flags) {
        TABLE.computeIfAbsent(key, k -> new HashSet<>()).addAll(Set.of(flags));
    }

    static {
        // git(1) global options; per-subcommand value options that come before paths
        put("git", "-C", "-c", "--git-dir", "--work-tree", "--namespace", "--super-prefix", "--config-env",
                "--exec-path", "--list-cmds");
        put("git commit", "-m", "--message", "-F", "--file", "-C", "--reuse-message", "-c", "--reedit-message",
                "--author", "--date", "--fixup", "--squash", "-t", "--template", "--cleanup", "--trailer");
        put("git checkout", "-b", "-B", "--orphan", "--conflict", "--pathspec-from-file");
        put("git switch", "-c", "--create", "-C", "--force-create", "--orphan", "--conflict");
        put("git restore", "-s", "--source", "--pathspec-from-file", "--conflict");
        put("git push", "-o", "--push-option", "--repo", "--receive-pack", "--exec");
        put("git clean", "-e", "--exclude");
        put("git tag", "-m", "--message", "-F", "--file", "-u", "--local-user", "--cleanup");
        put("git stash push", "-m", "--message", "--pathspec-from-file");
        put("git log", "-n", "--max-count", "--author", "--grep", "--since", "--until", "--format");
        put("git reset", "--pathspec-from-file");
        put("git branch", "-u", "--set-upstream-to");
        put("git rebase", "--onto", "-s", "--strategy", "-X", "--strategy-option", "-x", "--exec");
        put("git filter-branch", "--env-filter", "--tree-filter", "--index-filter", "--parent-filter",
                "--msg-filter", "--commit-filter", "--tag-name-filter", "--subdirectory-filter", "-d",
                "--original", "--state-branch");
        put("git reflog expire", "--expire", "--expire-unreachable");
        // kubectl(1) global options (kubectl options) and common command options
        String[] kube = {"-n", "--namespace", "--context", "--kubeconfig", "--cluster", "--user", "-s", "--server",
            "--token", "--as", "--as-group", "--as-uid", "--cache-dir", "--certificate-authority",
            "--client-certificate", "--client-key", "--request-timeout", "--tls-server-name", "--username",
            "--password", "--profile", "--profile-output", "-v", "--v", "--vmodule", "--log-file",
            "-l", "--selector", "-f", "--filename", "-o", "--output", "-c", "--container", "--field-selector",
            "--grace-period", "--timeout", "-k", "--kustomize", "--for", "-p", "--patch", "--type", "--image",
            "--replicas", "-L", "--label-columns", "--sort-by", "--template", "--cascade", "--raw",
            "--pod-running-timeout"};
        put("kubectl", kube);
        put("oc", kube);
        // helm(1) global flags and common install/upgrade/uninstall flags
        put("helm", "-n", "--namespace", "--kube-context", "--kubeconfig", "--kube-apiserver", "--kube-as-user",
                "--kube-as-group", "--kube-ca-file", "--kube-token", "--kube-tls-server-name", "--registry-config",
                "--repository-config", "--repository-cache", "--burst-limit", "--qps", "-f", "--values", "--set",
                "--set-string", "--set-file", "--set-json", "--set-literal", "--version", "--timeout", "-o",
                "--output", "--description", "--post-renderer", "--repo", "--history-max", "--cascade");
        // docker(1) global options; compose has its own
        put("docker", "-H", "--host", "--context", "-c", "--config", "-l", "--log-level", "--tlscacert",
                "--tlscert", "--tlskey");
        put("podman", "--connection", "-c", "--url", "--identity", "--root", "--runroot", "--storage-driver",
                "--log-level", "--cgroup-manager", "--module");
        String[] compose = {"-f", "--file", "-p", "--project-name", "--profile", "--env-file",
            "--project-directory", "--ansi", "--progress", "--parallel"};
        put("docker compose", compose);
        put("docker-compose", compose);
        put("podman compose", compose);
        put("podman-compose", compose);
        // terraform: -chdir=DIR is always attached; -var/-var-file/-target may be separate
        String[] tf = {"-var", "-var-file", "-target", "-replace", "-lock-timeout", "-parallelism", "-state",
            "-state-out", "-backup", "-out", "-generate-config-out"};
        put("terraform", tf);
        put("tofu", tf);
        put("terragrunt", tf);
        // cloud CLIs
        put("aws", "--profile", "--region", "--output", "--endpoint-url", "--query", "--color", "--cli-input-json",
                "--cli-input-yaml", "--cli-binary-format", "--ca-bundle", "--cli-read-timeout",
                "--cli-connect-timeout");
        put("gcloud", "--project", "--account", "--configuration", "--format", "--verbosity",
                "--impersonate-service-account", "--billing-project", "--flags-file", "--zone", "--region",
                "--trace-token");
        put("gsutil", "-o", "-h", "-u");
        put("az", "--subscription", "-g", "--resource-group", "-o", "--output", "--query", "-n", "--name");
        put("doctl", "-t", "--access-token", "-c", "--config", "--context", "-o", "--output", "-u", "--api-url");
        put("heroku", "-a", "--app", "-r", "--remote");
        put("fly", "-a", "--app", "-c", "--config", "-r", "--region", "-o", "--org", "-t", "--access-token");
        put("flyctl", "-a", "--app", "-c", "--config", "-r", "--region", "-o", "--org", "-t", "--access-token");
        put("railway", "-s", "--service", "-e", "--environment");
        put("vercel", "--scope", "-S", "-t", "--token", "-A", "--local-config", "--cwd", "-Q", "--global-config");
        put("netlify", "--site", "--auth", "--filter");
        put("supabase", "--workdir", "--project-ref", "-o", "--output", "--profile", "--db-url");
        put("wrangler", "-c", "--config", "-e", "--env", "--cwd");
        put("pulumi", "-C", "--cwd", "-s", "--stack", "--color");
        put("gh", "-R", "--repo", "--hostname");
        put("glab", "-R", "--repo");
        put("npm", "--prefix", "-w", "--workspace", "--registry", "--userconfig", "--cache");
        put("pnpm", "-C", "--dir", "--filter", "-F", "--store-dir");
        put("yarn", "--cwd");
        put("systemctl", "-H", "--host", "-M", "--machine", "--root", "-t", "--type", "-p", "--property", "-n",
                "--lines", "-o", "--output", "-s", "--signal", "--kill-whom", "--state");
        put("redis-cli", "-h", "-p", "-s", "-a", "-u", "-n", "-r", "-i", "-d", "--user", "--pass", "--sni",
                "--cacert", "--cacertdir", "--cert", "--key", "--tls-ciphers", "--pattern", "--count");
        put("psql", "-h", "--host", "-p", "--port", "-U", "--username", "-d", "--dbname", "-c", "--command",
                "-f", "--file", "-v", "--set", "--variable", "-P", "--pset", "-o", "--output", "-L", "--log-file",
                "-T", "-F", "-R");
        put("mysql", "-h", "--host", "-P", "--port", "-u", "--user", "-D", "--database", "-e", "--execute",
                "-S", "--socket");
        put("rsync", "-e", "--rsh", "-f", "--filter", "--files-from", "--password-file", "--log-file",
                "--backup-dir", "--link-dest", "--compare-dest", "--copy-dest", "-T", "--temp-dir",
                "--rsync-path", "--port", "-B", "--block-size", "--max-delete", "--max-size", "--min-size",
                "--timeout", "--bwlimit", "--partial-dir", "-M", "--remote-option", "--exclude", "--include",
                "--exclude-from", "--include-from", "--chmod", "--chown", "--suffix");
        put("tar", "-f", "--file", "-C", "--directory", "-T", "--files-from", "-X", "--exclude-from", "-b",
                "--blocking-factor");
        put("cp", "-t", "--target-directory", "-S", "--suffix");
        put("mv", "-t", "--target-directory", "-S", "--suffix");
        put("ln", "-t", "--target-directory", "-S", "--suffix");
        put("shred", "-n", "--iterations", "-s", "--size", "--random-source");
        put("truncate", "-s", "--size", "-r", "--reference");
        put("wipefs", "-o", "--offset", "-t", "--types", "-b", "--backup");
        put("find", "-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex", "-iregex",
                "-regextype", "-type", "-xtype", "-maxdepth", "-mindepth", "-mtime", "-mmin", "-atime", "-amin",
                "-ctime", "-cmin", "-newer", "-anewer", "-cnewer", "-size", "-user", "-group", "-uid", "-gid",
                "-perm", "-links", "-inum", "-samefile", "-fstype", "-printf", "-fprintf", "-fprint", "-fprint0",
                "-fls", "-context", "-used", "-lname", "-ilname", "-newermt", "-files0-from");
        put("curl", "-X", "--request", "-H", "--header", "-d", "--data", "--data-raw", "--data-binary",
                "--data-urlencode", "--json", "-F", "--form", "-o", "--output", "-u", "--user", "-A",
                "--user-agent", "-e", "--referer", "-b", "--cookie", "-c", "--cookie-jar", "-T", "--upload-file",
                "-x", "--proxy", "-m", "--max-time", "--connect-timeout", "-w", "--write-out", "-K", "--config",
                "--url", "--cacert", "--cert", "-E", "--key", "--retry", "-r", "--range", "--resolve",
                "--oauth2-bearer", "--aws-sigv4");
        put("wget", "-O", "--output-document", "-o", "--output-file", "-P", "--directory-prefix", "-U",
                "--user-agent", "--header", "--post-data", "--post-file", "--body-data", "--body-file", "--method",
                "-e", "--execute", "-i", "--input-file", "-t", "--tries", "-T", "--timeout", "--user",
                "--password");
        put("ssh", "-b", "-c", "-D", "-E", "-e", "-F", "-I", "-i", "-J", "-L", "-l", "-m", "-O", "-o", "-p",
                "-Q", "-R", "-S", "-W", "-w", "-B");
        put("scp", "-c", "-D", "-F", "-i", "-J", "-l", "-o", "-P", "-S", "-X");
    }

    private static final Set<String> PREFIXES = new HashSet<>();

    static {
        for (String key : TABLE.keySet()) {
            String[] parts = key.split(" ");
            StringBuilder b = new StringBuilder(parts[0]);
            PREFIXES.add(b.toString());
            for (int i = 1; i < parts.length; i++) {
                PREFIXES.add(b.append(' ').append(parts[i]).toString());
            }
        }
    }

    private ProgramFlags() {
    }

    /** True when some table key is {@code key} or starts with {@code key} followed by more subcommand words. */
    static boolean known(String key) {
        return PREFIXES.contains(key);
    }

    /** Value-taking flags for {@code key} ("program" or "program sub …"); empty when none are known. */
    static Set<String> valueFlags(String key) {
        return TABLE.getOrDefault(key, Set.of());
    }
}
