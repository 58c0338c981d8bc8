package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses a string cast to TIME or TIMESTAMP whose time of day is out of range (22008), before
 * Calcite, which folds {@code CAST('25:00' AS TIME)} into 01:00:00. PostgreSQL takes hours 0–23 (and
 * 24:00:00 exactly), minutes 0–59 and seconds below 61.
 */
final class TimeOfDayLiterals {
    private TimeOfDayLiterals() {}

    private static final Pattern TIME_OF_DAY =
            Pattern.compile("(?:^|[ T])(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(\\.\\d+)?)?$");

    /** Throws 22008 for the first such cast in {@code statement}. */
    static void check(SqlNode statement) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getKind() == SqlKind.CAST && call.operandCount() == 2
                        && call.operand(0) instanceof SqlCharStringLiteral literal
                        && call.operand(1) instanceof SqlDataTypeSpec type) {
                    String name = type.getTypeName().getSimple().toUpperCase(Locale.ROOT);
                    if (name.equals("TIME") || name.equals("TIMESTAMP")) check(literal.getValueAs(String.class).trim());
                }
                return super.visit(call);
            }
        });
    }

    private static void check(String text) {
        Matcher m = TIME_OF_DAY.matcher(text);
        if (!m.find()) return; // not shaped like a time of day: Calcite says what is wrong with it
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        int second = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        boolean fraction = m.group(4) != null && m.group(4).chars().skip(1).anyMatch(c -> c != '0');
        boolean midnightAtEnd = hour == 24 && minute == 0 && second == 0 && !fraction;
        if (hour > 23 && !midnightAtEnd || minute > 59 || second > 60) {
            throw new ShardSqlException(ErrorCode.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \""
                    + text + "\"");
        }
    }
}
