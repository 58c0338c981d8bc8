package io.shardsql.sql.text;

import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value with the span of its source text ({@code start} inclusive, {@code end} exclusive),
 * so that {@code ->} can hand back a member exactly as it was written.
 */
sealed interface JsonNode {
    int start();

    int end();

    /** An object; members in source order, duplicates kept (the last one counts). */
    record Obj(List<Map.Entry<String, JsonNode>> members, int start, int end) implements JsonNode {}

    /** An array. */
    record Arr(List<JsonNode> elements, int start, int end) implements JsonNode {}

    /** A string, unescaped. */
    record Str(String value, int start, int end) implements JsonNode {}

    /** A number as written (JSON's grammar, checked). */
    record Num(String text, int start, int end) implements JsonNode {}

    /** {@code true}, {@code false} or {@code null}. */
    record Literal(String text, int start, int end) implements JsonNode {}
}
