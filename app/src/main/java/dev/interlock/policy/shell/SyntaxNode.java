package dev.interlock.policy.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * A tree-sitter node copied into plain Java (one pass over the native tree), with offsets already converted
 * from UTF-8 bytes to chars of the parsed text. Analysis then never calls back into native code.
 */
final class SyntaxNode {
    final String type;
    final String field;
    final int start;
    int end;
    final boolean named;
    boolean missing;
    final List<SyntaxNode> children = new ArrayList<>(4);

    SyntaxNode(String type, String field, int start, int end, boolean named, boolean missing) {
        this.type = type;
        this.field = field;
        this.start = start;
        this.end = end;
        this.named = named;
        this.missing = missing;
    }

    void markMissing() {
        missing = true;
    }

    boolean is(String t) {
        return type.equals(t);
    }

    boolean isError() {
        return type.equals("ERROR") || missing;
    }

    SyntaxNode child(String fieldName) {
        for (SyntaxNode c : children) {
            if (fieldName.equals(c.field)) {
                return c;
            }
        }
        return null;
    }

    List<SyntaxNode> children(String fieldName) {
        List<SyntaxNode> out = new ArrayList<>();
        for (SyntaxNode c : children) {
            if (fieldName.equals(c.field)) {
                out.add(c);
            }
        }
        return out;
    }

    SyntaxNode firstOfType(String t) {
        for (SyntaxNode c : children) {
            if (c.type.equals(t)) {
                return c;
            }
        }
        return null;
    }

    String text(String source) {
        return source.substring(start, end);
    }

    @Override
    public String toString() {
        return (field == null ? "" : field + ": ") + type + "[" + start + "," + end + "]";
    }
}
