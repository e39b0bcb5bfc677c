package dev.interlock.policy.shell;

import java.util.List;
import java.util.Map;

/** What a wrapper command runs, as found by {@link Wrappers}. */
sealed interface Unwrap {

    /** How the inner command's working directory relates to the wrapper's. */
    enum CwdMode { KEEP, SET, UNKNOWN }

    String step();

    /**
     * An argv to run directly ({@code sudo rm -rf x} runs {@code rm -rf x}).
     *
     * @param program replacement program name (npx package specs), or null to take it from {@code argv[0]}
     */
    record Argv(String step, List<Word> argv, Map<String, String> env, CwdMode cwdMode, String cwd, String program)
            implements Unwrap {
        Argv(String step, List<Word> argv) {
            this(step, argv, Map.of(), CwdMode.KEEP, null, null);
        }
    }

    /** Shell source to parse: one word ({@code bash -c '…'}) or several joined with spaces ({@code ssh h a b}). */
    record Script(String step, List<Word> words, CwdMode cwdMode, String cwd) implements Unwrap {
        Script(String step, List<Word> words) {
            this(step, words, CwdMode.KEEP, null);
        }
    }

    /** Source code of an interpreter ({@code python -c}, {@code node -e}). */
    record Code(String step, String language, Word code) implements Unwrap {
    }

    /** A construct to report about the wrapper itself ({@code eval}). */
    record Construct(String step, String kind, String detail) implements Unwrap {
    }
}
