package dev.interlock.hooks.install;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Optional;

/** Reads and writes agents' JSON settings as ordered trees, so everything Interlock does not touch stays as it was. */
final class JsonConfig {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper LENIENT = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.ALLOW_TRAILING_COMMA);
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    private JsonConfig() {
    }

    /** The file's object, or a new one. Comments would be lost on rewrite, so such files are refused. */
    static ObjectNode read(Optional<String> text, String snippetForHand) {
        if (text.isEmpty() || text.get().isBlank()) {
            return JSON.createObjectNode();
        }
        JsonNode n;
        try {
            n = JSON.readTree(text.get());
        } catch (JsonProcessingException strict) {
            try {
                LENIENT.readTree(text.get());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("it is not valid JSON (line " + e.getLocation().getLineNr() + ": "
                        + e.getOriginalMessage() + "); fix it first");
            }
            throw new IllegalArgumentException("it contains comments or trailing commas, which rewriting would lose; "
                    + "add Interlock by hand instead:\n" + snippetForHand);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("its top level is not a JSON object");
        }
        return (ObjectNode) n;
    }

    static String write(JsonNode n) {
        try {
            return JSON.writer(PRETTY).writeValueAsString(n) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return parent.putObject(field);
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException("\"" + field + "\" is not an object");
        }
        return (ObjectNode) n;
    }

    static ArrayNode array(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return parent.putArray(field);
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException("\"" + field + "\" is not an array");
        }
        return (ArrayNode) n;
    }

    /** Removes array elements for which {@code ours} holds; returns how many went. */
    static int removeIf(ArrayNode a, java.util.function.Predicate<JsonNode> ours) {
        int removed = 0;
        for (Iterator<JsonNode> it = a.elements(); it.hasNext(); ) {
            if (ours.test(it.next())) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    /** Drops {@code field} from {@code parent} when it became an empty object or array. */
    static void pruneEmpty(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n != null && (n.isObject() || n.isArray()) && n.isEmpty()) {
            parent.remove(field);
        }
    }
}
