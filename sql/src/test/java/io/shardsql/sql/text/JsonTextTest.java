package io.shardsql.sql.text;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTextTest {

    @Test
    void jsonKeepsTheTextAsWritten() {
        assertThat(JsonText.json(" {\"b\" : 1,\"a\":[ ]} ")).isEqualTo(" {\"b\" : 1,\"a\":[ ]} ");
        assertThat(JsonText.json(null)).isNull();
    }

    @Test
    void jsonbSortsKeysShorterFirstKeepsTheLastDuplicateAndDropsWhiteSpace() {
        assertThat(JsonText.jsonb("{\"bb\": 1, \"a\": {\"z\":true, \"y\" :null}, \"c\": 2, \"a\": 3}"))
                .isEqualTo("{\"a\": 3, \"c\": 2, \"bb\": 1}");
        assertThat(JsonText.jsonb("[ 1 ,{\"y\":[],\"x\":{}} ]")).isEqualTo("[1, {\"x\": {}, \"y\": []}]");
        assertThat(JsonText.jsonb("\"\\u00e9\\n\\/\"")).isEqualTo("\"é\\n/\"");
    }

    @Test
    void jsonbWritesNumbersAsNumericDoes() {
        assertThat(JsonText.jsonb("[1e2, 1.50, -0, 0.001, -1E-3, 12345678901234567890]"))
                .isEqualTo("[100, 1.50, 0, 0.001, -0.001, 12345678901234567890]");
    }

    @Test
    void equalValuesHaveOneNormalForm() {
        assertThat(JsonText.jsonb("{\"a\":1,\"b\":[1,2]}")).isEqualTo(JsonText.jsonb(" { \"b\" : [1, 2], \"a\" : 1 } "));
        assertThat(JsonText.jsonb("{\"a\":1}")).isNotEqualTo(JsonText.jsonb("{\"a\":2}"));
    }

    @Test
    void getByKeyAndIndex() {
        String doc = "{\"a\": {\"x\": [10, \"t\", null]}, \"s\": \"str\", \"a2\": 1, \"a2\": 2}";
        assertThat(JsonText.getByKey(doc, "a")).isEqualTo("{\"x\": [10, \"t\", null]}");
        assertThat(JsonText.getByKey(doc, "s")).isEqualTo("\"str\"");
        assertThat(JsonText.getTextByKey(doc, "s")).isEqualTo("str");
        assertThat(JsonText.getByKey(doc, "a2")).isEqualTo("2");
        assertThat(JsonText.getByKey(doc, "missing")).isNull();
        assertThat(JsonText.getByIndex(doc, 0)).isNull();
        String arr = JsonText.getByKey(JsonText.getByKey(doc, "a"), "x");
        assertThat(JsonText.getByIndex(arr, 1)).isEqualTo("\"t\"");
        assertThat(JsonText.getTextByIndex(arr, 1)).isEqualTo("t");
        assertThat(JsonText.getByIndex(arr, -3)).isEqualTo("10");
        assertThat(JsonText.getByIndex(arr, 2)).isEqualTo("null");
        assertThat(JsonText.getTextByIndex(arr, 2)).isNull();
        assertThat(JsonText.getByIndex(arr, 3)).isNull();
        assertThat(JsonText.getByKey(arr, "x")).isNull();
        assertThat(JsonText.getByKey(null, "x")).isNull();
        assertThat(JsonText.getByIndex(arr, null)).isNull();
    }

    @Test
    void invalidTextIs22P02() {
        for (String bad : new String[] {"", "{", "{a: 1}", "[1,]", "01", "1.", "\"\\x\"", "tru", "{} {}", "\"a\nb\"",
                "\"\\u00\"", "{\"a\" 1}", "NaN"}) {
            assertThatThrownBy(() -> JsonText.jsonb(bad)).as(bad).isInstanceOf(ShardSqlException.class)
                    .hasMessageContaining("invalid input syntax for type json")
                    .satisfies(e -> assertThat(((ShardSqlException) e).code()).isEqualTo(ErrorCode.INVALID_TEXT_REPRESENTATION));
        }
    }

    @Test
    void tooDeepIs54001() {
        String deep = "[".repeat(JsonParser.MAX_DEPTH + 1) + "]".repeat(JsonParser.MAX_DEPTH + 1);
        assertThatThrownBy(() -> JsonText.json(deep)).isInstanceOf(ShardSqlException.class)
                .satisfies(e -> assertThat(((ShardSqlException) e).code()).isEqualTo(ErrorCode.STATEMENT_TOO_COMPLEX));
        String ok = "[".repeat(JsonParser.MAX_DEPTH) + "]".repeat(JsonParser.MAX_DEPTH);
        assertThat(JsonText.json(ok)).isEqualTo(ok);
    }
}
