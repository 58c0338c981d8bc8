package io.shardsql.sql.text;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8259 JSON text → {@link JsonNode}, strictly: one value, white space around it, nothing else.
 * Errors are 22P02 with PostgreSQL's first line ({@code invalid input syntax for type json}) and where
 * the text went wrong; nesting deeper than {@link #MAX_DEPTH} is 54001.
 */
final class JsonParser {
    static final int MAX_DEPTH = 1000;

    private final String text;
    private int pos;
    private int depth;

    private JsonParser(String text) {
        this.text = text;
    }

    static JsonNode parse(String text) {
        JsonParser p = new JsonParser(text);
        p.skipSpace();
        JsonNode v = p.value();
        p.skipSpace();
        if (p.pos < text.length()) throw p.error("unexpected text after the value");
        return v;
    }

    private JsonNode value() {
        if (pos >= text.length()) throw error("the input ends where a value should start");
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> {
                int start = pos;
                String s = string();
                yield new JsonNode.Str(s, start, pos);
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("unexpected character '" + c + "'");
            }
        };
    }

    private JsonNode object() {
        int start = pos++;
        enter();
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                skipSpace();
                if (peek() != '"') throw error("expected a member name in double quotes");
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                members.add(new AbstractMap.SimpleImmutableEntry<>(key, value()));
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect('}');
                    break;
                }
            }
        }
        depth--;
        return new JsonNode.Obj(members, start, pos);
    }

    private JsonNode array() {
        int start = pos++;
        enter();
        List<JsonNode> elements = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
        } else {
            while (true) {
                skipSpace();
                elements.add(value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect(']');
                    break;
                }
            }
        }
        depth--;
        return new JsonNode.Arr(elements, start, pos);
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new ShardSqlException(ErrorCode.STATEMENT_TOO_COMPLEX,
                    "JSON value nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private String string() {
        pos++; // the opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) throw error("the input ends inside a string");
            char c = text.charAt(pos++);
            if (c == '"') return out.toString();
            if (c < 0x20) throw error("a control character must be escaped in a string");
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) throw error("the input ends inside a string");
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> throw error("escape sequence \"\\" + e + "\" is invalid");
            }
        }
    }

    private char unicodeEscape() {
        if (pos + 4 > text.length()) throw error("\"\\u\" must be followed by four hexadecimal digits");
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos++), 16);
            if (d < 0) throw error("\"\\u\" must be followed by four hexadecimal digits");
            v = v * 16 + d;
        }
        if (v == 0) throw error("unsupported Unicode escape sequence \\u0000");
        return (char) v;
    }

    private JsonNode number() {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw error("a number needs digits");
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) throw error("a number needs digits after its decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            if (!digits()) throw error("a number needs digits in its exponent");
        }
        return new JsonNode.Num(text.substring(start, pos), start, pos);
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') pos++;
        return pos > start;
    }

    private JsonNode literal(String word) {
        if (!text.startsWith(word, pos)) throw error("unexpected token");
        int start = pos;
        pos += word.length();
        return new JsonNode.Literal(word, start, pos);
    }

    private void expect(char c) {
        if (peek() != c) throw error("expected '" + c + "'");
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private ShardSqlException error(String what) {
        return new ShardSqlException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type json: " + what + " at character " + (pos + 1));
    }
}
