package dev.interlock.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.action.Action;
import dev.interlock.action.Origin;
import dev.interlock.broker.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The synthetic payload of Interlock's own shims and guarded shell ({@code interlock run}, {@code interlock exec}):
 * {@code {"argv":["rm","-rf","x"],"cwd":"…","agent":"aider"}} or {@code {"command":"…","cwd":"…"}}. Exit 0 runs
 * the program; exit {@value #DENIED} (with the reason on stderr) stops it. There is nobody to ask in a shim.
 */
public final class ShimAdapter implements HookAdapter {
    static final String AGENT = "shim";
    /** Exit code of a blocked command, as a shell reports "found but cannot execute". */
    public static final int DENIED = 126;

    @Override
    public String agent() {
        return AGENT;
    }

    @Override
    public Optional<Request> parse(JsonNode p) {
        String cwd = Payloads.text(p, "cwd");
        String command = Payloads.text(p, "command");
        if (command == null) {
            JsonNode argv = p.get("argv");
            if (argv == null || !argv.isArray() || argv.isEmpty()) {
                throw new IllegalArgumentException("shim: needs \"command\" text or a non-empty \"argv\" array");
            }
            List<String> words = new ArrayList<>();
            argv.forEach(n -> words.add(n.asText()));
            command = quote(words);
        }
        Action a = Actions.shell(command, cwd, AGENT);
        String agent = Payloads.text(p, "agent");
        return Optional.of(new Request(a, new Origin(agent != null ? agent : "run", Payloads.text(p, "session"), null,
                cwd, p.hasNonNull("pid") ? p.get("pid").asLong() : null), p));
    }

    /** POSIX shell quoting of an argv, so the policy parses exactly the words that will run. */
    public static String quote(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(!a.isEmpty() && a.matches("[A-Za-z0-9_./=:@%+,^-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }

    @Override
    public Reply reply(Request request, Resolution r) {
        Outcome out = Outcome.of(r);
        return out == Outcome.NO_OBJECTION || out == Outcome.APPROVED ? passThrough()
                : failClosed("interlock: " + ReplyText.deny(r));
    }

    @Override
    public Reply passThrough() {
        return new Reply("", 0);
    }

    @Override
    public Reply failClosed(String reason) {
        return new Reply("", DENIED, reason.startsWith("interlock") ? reason : "interlock: " + reason);
    }
}
