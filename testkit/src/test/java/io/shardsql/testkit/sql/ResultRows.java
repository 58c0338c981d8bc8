package io.shardsql.testkit.sql;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Rows of either engine in one comparable form: each row a string of its values joined by {@code " | "},
 * numbers of any type by their value ({@code 2}, {@code 2.0} and {@code 2.00} are equal), dates ISO.
 */
final class ResultRows {
    private ResultRows() {}

    static List<String> of(List<Object[]> rows) {
        List<String> out = new ArrayList<>();
        for (Object[] row : rows) out.add(row(row));
        return out;
    }

    static List<String> of(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) row[i] = rs.getObject(i + 1);
            out.add(row(row));
        }
        return out;
    }

    private static String row(Object[] values) {
        StringJoiner j = new StringJoiner(" | ");
        for (Object v : values) j.add(value(v));
        return j.toString();
    }

    static String value(Object v) {
        if (v == null) return "NULL";
        if (v instanceof BigDecimal d) return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        if (v instanceof Double || v instanceof Float) return value(new BigDecimal(v.toString()));
        if (v instanceof Number n) return String.valueOf(n.longValue());
        if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
        if (v instanceof LocalDate d) return d.toString();
        return v.toString();
    }
}
