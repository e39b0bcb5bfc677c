package dev.interlock.policy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.policy.Span;
import graphql.language.Argument;
import graphql.language.Field;

/**
 * A top-level field of a mutation that may run.
 *
 * @param name      the field's real name (never the alias)
 * @param alias     the alias it was given, or {@code null}
 * @param field     the parsed field
 * @param variables the operation's variables (declared defaults overridden by those sent)
 * @param span      where the field (alias and name) was written
 * @param entry     index in a batch, or -1
 * @param operation the operation's name, or {@code null}
 */
public record MutationField(String name, String alias, Field field, ObjectNode variables, Span span, int entry,
                            String operation) {

    /** An argument's value ({@code input.replace} descends into objects), variables resolved. */
    public GraphqlValues.Resolved argument(String dottedPath) {
        String[] parts = dottedPath.split("\\.", 2);
        Argument arg = field.getArguments().stream().filter(a -> a.getName().equals(parts[0])).findFirst().orElse(null);
        if (arg == null) {
            return GraphqlValues.Resolved.ABSENT;
        }
        JsonNode value = GraphqlValues.toJson(arg.getValue(), variables);
        return GraphqlValues.descend(value, parts.length > 1 ? parts[1] : null);
    }
}
