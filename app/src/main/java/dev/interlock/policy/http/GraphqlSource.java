package dev.interlock.policy.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One GraphQL request entry (a batch holds several): the document, which operation to run, the variables.
 *
 * @param document      the document text, or {@code null} when it cannot be known
 * @param loc           where the document text sits in the action
 * @param operationName the requested operation, or {@code null}
 * @param variables     the variables object (never {@code null}; an empty object when none)
 * @param problem       why the document cannot be known ({@code null} when it can)
 */
record GraphqlSource(String document, TextMap loc, String operationName, JsonNode variables, String problem) {

    static GraphqlSource unknown(TextMap loc, String problem) {
        return new GraphqlSource(null, loc, null, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                problem);
    }
}
