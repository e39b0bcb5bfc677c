package dev.interlock.policy.shell;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;
import org.treesitter.TreeSitterBash;

/**
 * Parses bash with tree-sitter and copies the tree into {@link SyntaxNode}s, iteratively (no recursion, so a
 * 10,000-deep nesting cannot overflow the stack) and within node and depth budgets.
 *
 * <p>{@link TSParser} is not thread-safe, so each thread keeps its own; the language is shared (immutable).
 */
final class BashParser {
    private static final TSLanguage BASH = new TreeSitterBash();
    private static final ThreadLocal<TSParser> PARSER = ThreadLocal.withInitial(() -> {
        TSParser p = new TSParser();
        if (!p.setLanguage(BASH)) {
            throw new IllegalStateException("tree-sitter-bash is incompatible with the tree-sitter runtime");
        }
        return p;
    });

    /**
     * @param root      the copied tree
     * @param truncated true when the node or depth budget cut the copy short (the caller must treat the
     *                  script as too complex)
     */
    record Result(SyntaxNode root, boolean truncated) {
    }

    private BashParser() {
    }

    static Result parse(String text, int maxNodes, int maxDepth) {
        // NUL would be encoded differently by the native side; it is never part of a real command anyway
        String src = text.indexOf('\0') >= 0 ? text.replace('\0', ' ') : text;
        int byteLength = utf8Length(src);
        int[] byteToChar = byteLength == src.length() ? null : byteToChar(src, byteLength);
        TSParser parser = PARSER.get();
        TSTree tree = parser.parseStringEncoding(null, src, TSInputEncoding.TSInputEncodingUTF8);
        if (tree == null) {
            parser.reset();
            throw new IllegalStateException("tree-sitter returned no tree");
        }
        try (tree; TSTreeCursor cursor = new TSTreeCursor(tree.getRootNode())) {
            return copy(cursor, byteToChar, maxNodes, maxDepth);
        }
    }

    private static Result copy(TSTreeCursor c, int[] b2c, int maxNodes, int maxDepth) {
        SyntaxNode root = make(c, b2c);
        Deque<SyntaxNode> path = new ArrayDeque<>();
        path.push(root);
        int depth = 0;
        int count = 1;
        boolean truncated = false;
        outer:
        while (true) {
            if (count >= maxNodes) {
                truncated = true;
                break;
            }
            if (depth < maxDepth) {
                if (c.gotoFirstChild()) {
                    SyntaxNode child = make(c, b2c);
                    path.peek().children.add(child);
                    path.push(child);
                    depth++;
                    count++;
                    continue;
                }
            } else if (c.currentNode().getChildCount() > 0) {
                truncated = true;
            }
            while (true) {
                if (depth == 0) {
                    break outer;
                }
                if (c.gotoNextSibling()) {
                    path.pop();
                    SyntaxNode sibling = make(c, b2c);
                    path.peek().children.add(sibling);
                    path.push(sibling);
                    count++;
                    break;
                }
                c.gotoParent();
                path.pop();
                depth--;
            }
        }
        return new Result(root, truncated);
    }

    private static SyntaxNode make(TSTreeCursor c, int[] b2c) {
        TSNode n = c.currentNode();
        int s = n.getStartByte();
        int e = n.getEndByte();
        if (b2c != null) {
            s = b2c[Math.min(s, b2c.length - 1)];
            e = b2c[Math.min(e, b2c.length - 1)];
        }
        return new SyntaxNode(n.getType(), c.currentFieldName(), s, e, n.isNamed(), n.isMissing());
    }

    private static int utf8Length(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return s.length();
    }

    /** For each UTF-8 byte offset, the char offset of the code point it belongs to (plus one past the end). */
    private static int[] byteToChar(String text, int byteLength) {
        int[] map = new int[byteLength + 1];
        int b = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int chars = Character.charCount(cp);
            int bytes;
            if (Character.isSurrogate(text.charAt(i)) && chars == 1) {
                bytes = 1; // a lone surrogate is encoded as '?'
            } else if (cp < 0x80) {
                bytes = 1;
            } else if (cp < 0x800) {
                bytes = 2;
            } else if (cp < 0x10000) {
                bytes = 3;
            } else {
                bytes = 4;
            }
            for (int k = 0; k < bytes && b < byteLength; k++) {
                map[b++] = i;
            }
            i += chars;
        }
        while (b <= byteLength) {
            map[b++] = text.length();
        }
        return map;
    }
}
