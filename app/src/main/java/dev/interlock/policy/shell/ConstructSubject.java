package dev.interlock.policy.shell;

import dev.interlock.policy.Span;
import dev.interlock.policy.Subject;
import java.util.List;
import java.util.Set;

/**
 * Something in a shell script that cannot be resolved statically: {@code eval}, a program name built from an
 * expansion, decoded or downloaded code fed to a shell, a script beyond the analyser's limits, a parse error.
 * Matched by {@code construct:} rules; never silently allowed.
 *
 * @param kind   one of {@link #KINDS}
 * @param detail what was found, in plain words (for explain and the pop-up)
 * @param span   where in the action's {@code command} text
 * @param via    the unwrapping chain that led here, outermost first
 */
public record ConstructSubject(String kind, String detail, Span span, List<String> via) implements Subject {
    public static final String TYPE = "construct";
    public static final String EVAL = "eval";
    public static final String DYNAMIC_COMMAND = "dynamic-command";
    public static final String DECODE_TO_SHELL = "decode-to-shell";
    public static final String DOWNLOAD_TO_SHELL = "download-to-shell";
    public static final String TOO_COMPLEX = "too-complex";
    public static final String PARSE_ERROR = "parse-error";
    public static final Set<String> KINDS = Set.of(EVAL, DYNAMIC_COMMAND, DECODE_TO_SHELL, DOWNLOAD_TO_SHELL,
            TOO_COMPLEX, PARSE_ERROR);

    public ConstructSubject {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown construct kind " + kind);
        }
        via = List.copyOf(via);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> indexKeys() {
        return List.of(kind);
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (String v : via) {
            sb.append(v).append(" → ");
        }
        return sb.append(kind).append(": ").append(detail).toString();
    }
}
