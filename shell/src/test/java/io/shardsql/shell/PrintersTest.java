package io.shardsql.shell;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The table, CSV and JSON printers on hand-made rows: exact output. */
class PrintersTest {
    private static final List<Column> ID_NAME = List.of(new Column("ID", true), new Column("NAME", false));

    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text);

    private String output() {
        out.flush();
        return text.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void tableAlignsNumbersRightAndShowsNull() throws Exception {
        long n = new TablePrinter(out).print(ListRows.of(ID_NAME,
                new Object[] {1L, "a"}, new Object[] {100L, null}, new Object[] {null, "longer name"}));
        assertThat(n).isEqualTo(3);
        assertThat(output()).isEqualTo("""
                   ID | NAME
                ------+-------------
                    1 | a
                  100 | NULL
                 NULL | longer name
                """);
    }

    @Test
    void tableOfNoRowsHasHeaderOnly() throws Exception {
        assertThat(new TablePrinter(out).print(ListRows.of(ID_NAME))).isZero();
        assertThat(output()).isEqualTo(" ID | NAME\n----+------\n");
    }

    @Test
    void tableCutsLongValuesAndShowsLineBreaks() throws Exception {
        new TablePrinter(out, 1000, 10).print(ListRows.of(List.of(new Column("S", false)),
                new Object[] {"0123456789abc"}, new Object[] {"a\nb\tc"}, new Object[] {"0123456789"}));
        assertThat(output()).isEqualTo("""
                 S
                ------------
                 0123456...
                 a\\nb\\tc
                 0123456789
                """);
    }

    @Test
    void tableKeepsWidthsOfBufferedRowsForLaterRows() throws Exception {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {1L, "ab"});
        rows.add(new Object[] {2L, "abcdef"});
        rows.add(new Object[] {3L, "x"});
        long n = new TablePrinter(out, 1, 60).print(new ListRows(ID_NAME, rows));
        assertThat(n).isEqualTo(3);
        assertThat(output()).isEqualTo("""
                 ID | NAME
                ----+------
                  1 | ab
                  2 | abcdef
                  3 | x
                """);
    }

    @Test
    void tableFormatsDecimalsPlainAndBinaryAsHex() throws Exception {
        new TablePrinter(out).print(ListRows.of(
                List.of(new Column("D", true), new Column("B", false), new Column("T", false)),
                new Object[] {new BigDecimal("1E+3"), new byte[] {0x0a, (byte) 0xff}, true}));
        assertThat(output()).isEqualTo("""
                    D | B      | T
                ------+--------+------
                 1000 | \\x0aff | true
                """);
    }

    @Test
    void csvQuotesPerRfc4180AndLeavesNullEmpty() throws Exception {
        long n = new CsvPrinter(out).print(ListRows.of(List.of(new Column("ID", true), new Column("a,b", false)),
                new Object[] {1L, "plain"},
                new Object[] {2L, "with, comma"},
                new Object[] {3L, "say \"hi\""},
                new Object[] {4L, "two\nlines"},
                new Object[] {5L, ""},
                new Object[] {null, null},
                new Object[] {new BigDecimal("2.50"), "cr\r"}));
        assertThat(n).isEqualTo(7);
        assertThat(output()).isEqualTo("ID,\"a,b\"\n1,plain\n2,\"with, comma\"\n"
                + "3,\"say \"\"hi\"\"\"\n4,\"two\nlines\"\n5,\"\"\n,\n2.50,\"cr\r\"\n");
    }

    @Test
    void csvOfNoRowsIsTheHeader() throws Exception {
        new CsvPrinter(out).print(ListRows.of(ID_NAME));
        assertThat(output()).isEqualTo("ID,NAME\n");
    }

    @Test
    void jsonArrayOfObjectsWithTypedValues() throws Exception {
        long n = new JsonPrinter(out).print(ListRows.of(
                List.of(new Column("I", true), new Column("D", true), new Column("F", true), new Column("B", false),
                        new Column("S", false)),
                new Object[] {1L, new BigDecimal("12.50"), 1.5d, true, "a"},
                new Object[] {null, null, Double.NaN, false, null}));
        assertThat(n).isEqualTo(2);
        assertThat(output()).isEqualTo("""
                [
                {"I":1,"D":12.50,"F":1.5,"B":true,"S":"a"},
                {"I":null,"D":null,"F":"NaN","B":false,"S":null}
                ]
                """);
    }

    @Test
    void jsonEscapesStringsAndLabels() throws Exception {
        new JsonPrinter(out).print(ListRows.of(List.of(new Column("say \"x\"", false)),
                new Object[] {"q\" b\\ n\n r\r t\t \u0001 é \u2028"}, new Object[] {new byte[] {1, 2}}));
        assertThat(output()).isEqualTo("[\n"
                + "{\"say \\\"x\\\"\":\"q\\\" b\\\\ n\\n r\\r t\\t \\u0001 é \\u2028\"},\n"
                + "{\"say \\\"x\\\"\":\"\\\\x0102\"}\n]\n");
    }

    @Test
    void jsonOfNoRowsIsAnEmptyArray() throws Exception {
        assertThat(new JsonPrinter(out).print(ListRows.of(ID_NAME))).isZero();
        assertThat(output()).isEqualTo("[]\n");
    }
}
