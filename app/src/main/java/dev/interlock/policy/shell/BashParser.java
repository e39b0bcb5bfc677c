package dev.interlock.policy.shell;

import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSParserProgress;
import org.treesitter.TSReader;
import org.treesitter.TSSymbolType;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;
import org.treesitter.TreeSitterBash;

/**
 * Parses bash with tree-sitter and copies the tree into {@link SyntaxNode}s, iteratively (no recursion, so a
 * 10,000-deep nesting cannot overflow the stack) and within node and depth budgets.
 *
 * <p>Every JNI call that takes a {@code TSNode} is expensive (the binding converts the Java object field by
 * field, and the public accessors first make a second call to check for a null node), so the copy makes as few
 * as it can: one to get the node from the cursor, one for its symbol (type and namedness come from a table
 * built once per language), and one for the end of leaves only (an inner node ends where its last child ends).
 * The start offset is read from the node's own fields. Should the binding change shape, the public API is used.
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
    private static final String[] TYPES;
    private static final boolean[] NAMED;
    private static final MethodHandle SYMBOL;
    private static final MethodHandle END_BYTE;
    private static final MethodHandle IS_MISSING;
    private static final Field START_BYTE;

    static {
        int count = BASH.symbolCount();
        TYPES = new String[count];
        NAMED = new boolean[count];
        for (int i = 0; i < count; i++) {
            TYPES[i] = BASH.symbolName(i);
            TSSymbolType t = BASH.symbolType(i);
            NAMED[i] = t == TSSymbolType.TSSymbolTypeRegular || t == TSSymbolType.TSSymbolTypeSupertype;
        }
        MethodHandle symbol = null;
        MethodHandle end = null;
        MethodHandle missing = null;
        Field start = null;
        try {
            symbol = nodeAccessor("ts_node_symbol");
            end = nodeAccessor("ts_node_end_byte");
            missing = nodeAccessor("ts_node_is_missing");
            start = TSNode.class.getDeclaredField("context0");
            start.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            symbol = null; // fall back to the public accessors
        }
        SYMBOL = symbol;
        END_BYTE = end;
        IS_MISSING = missing;
        START_BYTE = start;
    }

    private static MethodHandle nodeAccessor(String name) throws ReflectiveOperationException {
        Method m = TSParser.class.getDeclaredMethod(name, TSNode.class);
        m.setAccessible(true);
        return MethodHandles.lookup().unreflect(m);
    }

    /**
     * @param root      the copied tree, or null when parsing ran out of time
     * @param truncated true when a budget (time, nodes, depth) cut the work short: the caller must treat the
     *                  script as too complex
     */
    record Result(SyntaxNode root, boolean truncated) {
    }

    private BashParser() {
    }

    /**
     * CPU time one parse (and copy) may take: tree-sitter's error recovery can go super-linear on hostile input,
     * and every node copied costs JNI calls.
     */
    static final long PARSE_BUDGET_NANOS = 150_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static Result parse(String text, int maxNodes, int maxDepth) {
        // NUL would be encoded differently by the native side; it is never part of a real command anyway
        String src = text.indexOf('\0') >= 0 ? text.replace('\0', ' ') : text;
        byte[] utf8 = src.getBytes(StandardCharsets.UTF_8);
        int[] byteToChar = utf8.length == src.length() ? null : byteToChar(src, utf8.length);
        TSParser parser = PARSER.get();
        boolean cpuClock = THREADS.isCurrentThreadCpuTimeSupported();
        long started = cpuClock ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
        TSReader reader = (buffer, offset, point) -> {
            int n = Math.max(0, Math.min(buffer.length, utf8.length - offset));
            System.arraycopy(utf8, offset, buffer, 0, n);
            return n;
        };
        BooleanSupplier overBudget = () -> (cpuClock ? THREADS.getCurrentThreadCpuTime() : System.nanoTime())
                - started > PARSE_BUDGET_NANOS;
        TSParserProgress budget = state -> overBudget.getAsBoolean();
        TSTree tree = parser.parseWithOptions(new byte[Math.max(1, Math.min(utf8.length, 64 * 1024))], null, reader,
                TSInputEncoding.TSInputEncodingUTF8, budget);
        if (tree == null) {
            parser.reset();
            return new Result(null, true);
        }
        try (tree) {
            TSNode rootNode = tree.getRootNode();
            boolean hasError = rootNode.hasError();
            try (TSTreeCursor cursor = new TSTreeCursor(rootNode)) {
                return new Copier(cursor, byteToChar, hasError, overBudget).copy(maxNodes, maxDepth);
            }
        }
    }

    /** One copy of one tree. */
    private static final class Copier {
        private final TSTreeCursor c;
        private final int[] b2c;
        private final boolean hasError;
        private final BooleanSupplier overBudget;
        private TSNode current;

        Copier(TSTreeCursor c, int[] b2c, boolean hasError, BooleanSupplier overBudget) {
            this.c = c;
            this.b2c = b2c;
            this.hasError = hasError;
            this.overBudget = overBudget;
        }

        Result copy(int maxNodes, int maxDepth) {
            SyntaxNode root = make();
            Deque<SyntaxNode> path = new ArrayDeque<>();
            path.push(root);
            int depth = 0;
            int count = 1;
            boolean truncated = false;
            outer:
            while (true) {
                if (count >= maxNodes || ((count & 1023) == 0 && overBudget.getAsBoolean())) {
                    truncated = true;
                    break;
                }
                if (depth < maxDepth) {
                    if (c.gotoFirstChild()) {
                        SyntaxNode child = make();
                        path.peek().children.add(child);
                        path.push(child);
                        depth++;
                        count++;
                        continue;
                    }
                } else if (c.gotoFirstChild()) {
                    c.gotoParent();
                    truncated = true;
                }
                path.peek().end = endOf(current, path.peek());
                while (true) {
                    if (depth == 0) {
                        break outer;
                    }
                    if (c.gotoNextSibling()) {
                        path.pop();
                        SyntaxNode sibling = make();
                        path.peek().children.add(sibling);
                        path.push(sibling);
                        count++;
                        break;
                    }
                    c.gotoParent();
                    path.pop();
                    depth--;
                    SyntaxNode parent = path.peek();
                    parent.end = Math.max(parent.start, parent.children.get(parent.children.size() - 1).end);
                }
            }
            if (truncated) {
                // ends of the nodes still open: good enough for a script reported as too complex
                for (SyntaxNode n : path) {
                    int e = n.start;
                    for (SyntaxNode ch : n.children) {
                        e = Math.max(e, Math.max(ch.start, ch.end));
                    }
                    n.end = Math.max(n.end, e);
                }
            }
            return new Result(root, truncated);
        }

        private SyntaxNode make() {
            TSNode n = c.currentNode();
            current = n;
            int symbol;
            int start;
            try {
                symbol = SYMBOL == null ? -1 : (int) SYMBOL.invokeExact(n);
                start = START_BYTE == null ? n.getStartByte() : START_BYTE.getInt(n);
            } catch (Throwable e) {
                throw new IllegalStateException("tree-sitter node access failed", e);
            }
            String type;
            boolean named;
            if (symbol >= 0 && symbol < TYPES.length) {
                type = TYPES[symbol];
                named = NAMED[symbol];
            } else {
                type = n.getType();
                named = n.isNamed();
            }
            SyntaxNode node = new SyntaxNode(type, c.currentFieldName(), chars(start), -1, named, false);
            return node;
        }

        /** End of a leaf (or of a node whose children were not copied); also detects MISSING leaves. */
        private int endOf(TSNode n, SyntaxNode node) {
            int end;
            boolean missing = false;
            try {
                end = END_BYTE == null ? n.getEndByte() : (int) END_BYTE.invokeExact(n);
                if (hasError && chars(end) == node.start) {
                    missing = IS_MISSING == null ? n.isMissing() : (boolean) IS_MISSING.invokeExact(n);
                }
            } catch (Throwable e) {
                throw new IllegalStateException("tree-sitter node access failed", e);
            }
            if (missing) {
                node.markMissing();
            }
            return chars(end);
        }

        private int chars(int b) {
            return b2c == null ? b : b2c[Math.max(0, Math.min(b, b2c.length - 1))];
        }
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
