package dev.interlock.policy.shell;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * tree-sitter-bash reads a heredoc whose first body line starts with a backslash ({@code psql <<EOF} then
 * {@code \dt}) as if that line continued the line of the {@code <<} operator: the line becomes arguments of the
 * redirection (or of a command piped after it) and the body loses it, so {@code sh <<EOF} + {@code \rm -rf ~} would
 * run nothing the analyser could see. The fix parses again with that backslash blanked out; the body is still read
 * from the original text, so it keeps its backslash.
 */
final class HeredocRepair {
    private static final int MAX_ROUNDS = 8;

    private HeredocRepair() {
    }

    /** The parse of {@code src}, repaired where a heredoc's first line starts with a backslash. */
    static BashParser.Result parse(String src, BashParser.Result first, int maxNodes, int maxDepth) {
        if (first.root() == null || !src.contains("<<") || !src.contains("\\")) {
            return first;
        }
        BashParser.Result r = first;
        String parsed = src;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Integer> at = misread(parsed, r.root());
            if (at.isEmpty()) {
                break;
            }
            StringBuilder b = new StringBuilder(parsed);
            for (int i : at) {
                b.setCharAt(i, ' ');
            }
            parsed = b.toString();
            BashParser.Result again = BashParser.parse(parsed, maxNodes, maxDepth);
            if (again.root() == null) {
                break;
            }
            r = again;
        }
        return r;
    }

    /** Offsets of the backslashes that begin a heredoc's first line which the parser did not put in its body. */
    static List<Integer> misread(String src, SyntaxNode root) {
        List<Integer> out = new ArrayList<>();
        Deque<SyntaxNode> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            SyntaxNode n = todo.pop();
            if (n.is("heredoc_redirect")) {
                int at = misreadLine(src, n);
                if (at >= 0) {
                    out.add(at);
                }
            }
            for (SyntaxNode c : n.children) {
                todo.push(c);
            }
        }
        return out;
    }

    private static int misreadLine(String src, SyntaxNode redirect) {
        SyntaxNode start = redirect.firstOfType("heredoc_start");
        SyntaxNode body = redirect.firstOfType("heredoc_body");
        if (start == null) {
            return -1;
        }
        int lineEnd = src.indexOf('\n', start.end);
        if (lineEnd < 0) {
            return -1;
        }
        int i = lineEnd + 1;
        while (i < src.length() && (src.charAt(i) == ' ' || src.charAt(i) == '\t')) {
            i++;
        }
        if (i >= src.length() || src.charAt(i) != '\\' || (body != null && body.start <= lineEnd + 1)) {
            return -1;
        }
        return i;
    }
}
