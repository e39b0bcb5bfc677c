package dev.interlock.ui.workspaces;

import dev.interlock.secrets.SecretFinder;
import dev.interlock.secrets.WorkspaceScanner;
import java.util.Optional;

/** What to do about one credential an agent can read: concrete steps, and the command that labels it as allowed. */
final class Remedies {
    private Remedies() {
    }

    /** One or two sentences, most important first. */
    static String suggest(WorkspaceScanner.Item item, Optional<String> allowedAs) {
        String file = item.file();
        String name = file.contains("/") ? file.substring(file.lastIndexOf('/') + 1) : file;
        String risk = item.risk() == null ? "" : item.risk();
        StringBuilder sb = new StringBuilder();
        if (allowedAs.isPresent()) {
            sb.append("Allowed here as '").append(allowedAs.get()).append("': agents may use it in this workspace. ");
        }
        if (risk.contains("committed to git")) {
            sb.append("It is committed to git: rotate it now (the history keeps the old value), then `git rm --cached ")
                    .append(file).append("` and add it to .gitignore. ");
        }
        if (allowedAs.isPresent()) {
            return sb.toString().trim();
        }
        if (SecretFinder.isEnvStyle(name)) {
            sb.append("Move it out of the workspace: load it at run time from a secret manager (`op run`, `doppler run`, "
                    + "`vault kv get`, `aws-vault exec`) or from ~/.config/<project>/").append(name)
                    .append(" with chmod 600, so an agent working here cannot read it.");
        } else {
            sb.append("A ").append(item.provider().equals("any") ? "" : item.provider() + " ").append(item.kind())
                    .append(" in ").append(name).append(" is a leftover an agent can find (the incident's token came from "
                    + "a backup file): move it to a secret manager or outside the workspace, delete the file, and rotate "
                    + "the credential.");
        }
        if (risk.contains("account-wide")) {
            sb.append(" Replace it with a token scoped to one project or environment.");
        }
        sb.append(" If the agent is meant to use it, label it with the command below: using any other credential for a "
                + "destructive action is then critical.");
        return sb.toString().trim();
    }

    /** The {@code interlock credentials allow} command for this finding in this workspace. */
    static String allowCommand(WorkspaceScanner.Item item, String workspace) {
        String tilde = dev.interlock.ui.prompt.Paths.tilde(workspace);
        String ws = tilde.startsWith("~/") && tilde.substring(2).matches("[A-Za-z0-9_./+-]+") ? tilde : shellQuote(workspace);
        return "interlock credentials allow " + item.fingerprint() + " --workspace " + ws
                + " --label " + shellQuote((item.provider().equals("any") ? "" : item.provider() + " ") + item.kind());
    }

    private static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./~+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
