package io.shardsql.sql.text;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON and JSONB values as text: PostgreSQL's input checks, JSONB's normal form and the operators
 * {@code ->} and {@code ->>}.
 *
 * <p><b>JSONB's normal form</b> is PostgreSQL's jsonb output: no white space but one blank after each
 * {@code ,} and {@code :}; object keys unique (the last one written wins) and sorted shorter first, then
 * by their UTF-8 bytes; strings with only the escapes JSON requires; numbers as PostgreSQL's numeric
 * prints them ({@code 1e2} is {@code 100}, {@code 1.50} stays {@code 1.50}). Two JSONB values are equal
 * exactly when their normal forms are, which is how {@code =} compares them.
 *
 * <p>Every method is static and null-safe where SQL is (a NULL in, a NULL out); generated code calls
 * them by name.
 */
public final class JsonText {
    private static final Comparator<String> KEY_ORDER = Comparator
            .comparingInt((String k) -> k.getBytes(StandardCharsets.UTF_8).length)
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                    b.getBytes(StandardCharsets.UTF_8)));

    private JsonText() {}

    /** {@code text} if it is one JSON value (22P02 if not): JSON keeps its input as written. */
    public static String json(String text) {
        if (text == null) return null;
        JsonParser.parse(text);
        return text;
    }

    /** The JSONB normal form of {@code text} (22P02 if it is no JSON value). */
    public static String jsonb(String text) {
        if (text == null) return null;
        StringBuilder out = new StringBuilder(text.length());
        write(JsonParser.parse(text), text, out);
        return out.toString();
    }

    /** {@code json -> 'key'}: the member's value as written, or null if there is none or it is no object. */
    public static String getByKey(String json, String key) {
        JsonNode n = member(json, key);
        return n == null ? null : json.substring(n.start(), n.end());
    }

    /** {@code json -> i}: the element (from the end if negative), or null. */
    public static String getByIndex(String json, Integer index) {
        JsonNode n = element(json, index);
        return n == null ? null : json.substring(n.start(), n.end());
    }

    /** {@code json ->> 'key'}: like {@link #getByKey}, but a string as its text and JSON null as NULL. */
    public static String getTextByKey(String json, String key) {
        return text(json, member(json, key));
    }

    /** {@code json ->> i}. */
    public static String getTextByIndex(String json, Integer index) {
        return text(json, element(json, index));
    }

    private static JsonNode member(String json, String key) {
        if (json == null || key == null) return null;
        if (!(JsonParser.parse(json) instanceof JsonNode.Obj o)) return null;
        JsonNode found = null;
        for (Map.Entry<String, JsonNode> m : o.members()) {
            if (m.getKey().equals(key)) found = m.getValue();
        }
        return found;
    }

    private static JsonNode element(String json, Integer index) {
        if (json == null || index == null) return null;
        if (!(JsonParser.parse(json) instanceof JsonNode.Arr a)) return null;
        int i = index < 0 ? a.elements().size() + index : index;
        return i >= 0 && i < a.elements().size() ? a.elements().get(i) : null;
    }

    private static String text(String json, JsonNode n) {
        if (n == null) return null;
        if (n instanceof JsonNode.Str s) return s.value();
        if (n instanceof JsonNode.Literal l && l.text().equals("null")) return null;
        return json.substring(n.start(), n.end());
    }

    private static void write(JsonNode n, String source, StringBuilder out) {
        if (n instanceof JsonNode.Obj o) {
            Map<String, JsonNode> sorted = new TreeMap<>(KEY_ORDER);
            for (Map.Entry<String, JsonNode> m : o.members()) sorted.put(m.getKey(), m.getValue());
            out.append('{');
            String sep = "";
            for (Map.Entry<String, JsonNode> m : sorted.entrySet()) {
                out.append(sep);
                quote(m.getKey(), out);
                out.append(": ");
                write(m.getValue(), source, out);
                sep = ", ";
            }
            out.append('}');
        } else if (n instanceof JsonNode.Arr a) {
            out.append('[');
            List<JsonNode> elements = a.elements();
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) out.append(", ");
                write(elements.get(i), source, out);
            }
            out.append(']');
        } else if (n instanceof JsonNode.Str s) {
            quote(s.value(), out);
        } else if (n instanceof JsonNode.Num num) {
            out.append(number(num.text()));
        } else {
            out.append(((JsonNode.Literal) n).text());
        }
    }

    /** A JSON number as PostgreSQL's numeric prints it: no exponent, the scale kept, {@code -0} as {@code 0}. */
    static String number(String text) {
        BigDecimal d = new BigDecimal(text);
        if (d.scale() < 0) d = d.setScale(0);
        if (d.signum() == 0) d = d.abs();
        return d.toPlainString();
    }

    /** {@code s} as a JSON string, escaped as PostgreSQL escapes it. */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
