package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL's {@code date_trunc('unit', x)} and {@code date_part('unit', x)}, whose unit is a string,
 * rewritten before validation into Calcite's {@code FLOOR(CAST(x AS TIMESTAMP) TO unit)} and
 * {@code CAST(EXTRACT(unit FROM x) AS DOUBLE)} (PostgreSQL's types: timestamp and double precision),
 * with PostgreSQL's weeks (from Monday) and days of the week (Sunday = 0).
 * An unknown unit is 22023, as in PostgreSQL. A unit that is not a literal is left alone, and the
 * validator finds no such function (42883).
 */
final class DateUnitCalls {
    private DateUnitCalls() {}

    /** PostgreSQL's unit names (and plurals) → Calcite's. */
    private static final Map<String, TimeUnit> UNITS = Map.ofEntries(
            Map.entry("microsecond", TimeUnit.MICROSECOND), Map.entry("microseconds", TimeUnit.MICROSECOND),
            Map.entry("millisecond", TimeUnit.MILLISECOND), Map.entry("milliseconds", TimeUnit.MILLISECOND),
            Map.entry("second", TimeUnit.SECOND), Map.entry("seconds", TimeUnit.SECOND),
            Map.entry("minute", TimeUnit.MINUTE), Map.entry("minutes", TimeUnit.MINUTE),
            Map.entry("hour", TimeUnit.HOUR), Map.entry("hours", TimeUnit.HOUR),
            Map.entry("day", TimeUnit.DAY), Map.entry("days", TimeUnit.DAY),
            Map.entry("week", TimeUnit.WEEK), Map.entry("weeks", TimeUnit.WEEK),
            Map.entry("month", TimeUnit.MONTH), Map.entry("months", TimeUnit.MONTH),
            Map.entry("quarter", TimeUnit.QUARTER), Map.entry("year", TimeUnit.YEAR), Map.entry("years", TimeUnit.YEAR),
            Map.entry("decade", TimeUnit.DECADE), Map.entry("century", TimeUnit.CENTURY),
            Map.entry("millennium", TimeUnit.MILLENNIUM),
            Map.entry("dow", TimeUnit.DOW), Map.entry("doy", TimeUnit.DOY), Map.entry("isodow", TimeUnit.ISODOW),
            Map.entry("isoyear", TimeUnit.ISOYEAR), Map.entry("epoch", TimeUnit.EPOCH));

    /** {@code statement} with its date_trunc/date_part calls rewritten in place. */
    static SqlNode rewrite(SqlNode statement) {
        return InPlaceRewrite.apply(statement, DateUnitCalls::replacement);
    }

    private static SqlNode replacement(SqlNode node) {
        if (!(node instanceof SqlCall call) || !(call.getOperator() instanceof SqlFunction f)
                || call.operandCount() != 2
                || !(call.operand(0) instanceof SqlCharStringLiteral unitLiteral)) return null;
        String name = f.getName().toLowerCase(Locale.ROOT);
        if (!name.equals("date_trunc") && !name.equals("date_part")) return null;
        String unitName = unitLiteral.getValueAs(String.class).trim().toLowerCase(Locale.ROOT);
        TimeUnit unit = UNITS.get(unitName);
        if (unit == null) {
            throw new ShardSqlException(ErrorCode.INVALID_PARAMETER_VALUE, "unit \"" + unitName
                    + "\" not recognized by " + name);
        }
        SqlParserPos pos = call.getParserPosition();
        SqlNode value = call.operand(1);
        SqlIntervalQualifier qualifier = new SqlIntervalQualifier(unit, null, unitLiteral.getParserPosition());
        if (name.equals("date_trunc")) {
            SqlNode timestamp = cast(value, SqlTypeName.TIMESTAMP, 3, pos);
            if (unit != TimeUnit.WEEK) return SqlStdOperatorTable.FLOOR.createCall(pos, timestamp, qualifier);
            // PostgreSQL's weeks start on Monday (ISO), Calcite's FLOOR(... TO WEEK) on Sunday.
            SqlNode day = SqlStdOperatorTable.FLOOR.createCall(pos, timestamp,
                    new SqlIntervalQualifier(TimeUnit.DAY, null, pos));
            SqlNode daysBack = SqlStdOperatorTable.MINUS.createCall(pos, SqlLiteral.createExactNumeric("1", pos),
                    SqlStdOperatorTable.EXTRACT.createCall(pos, new SqlIntervalQualifier(TimeUnit.ISODOW, null, pos),
                            value));
            return SqlStdOperatorTable.TIMESTAMP_ADD.createCall(pos, new SqlIntervalQualifier(TimeUnit.DAY, null, pos),
                    daysBack, day);
        }
        SqlNode part = SqlStdOperatorTable.EXTRACT.createCall(pos, qualifier, value);
        // PostgreSQL counts the days of the week from Sunday = 0, Calcite from Sunday = 1.
        if (unit == TimeUnit.DOW) part = SqlStdOperatorTable.MINUS.createCall(pos, part,
                SqlLiteral.createExactNumeric("1", pos));
        return cast(part, SqlTypeName.DOUBLE, -1, pos);
    }

    /** {@code CAST(value AS type(precision))}; precision -1 for none. */
    static SqlNode cast(SqlNode value, SqlTypeName type, int precision, SqlParserPos pos) {
        SqlDataTypeSpec spec = new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, precision, pos), pos);
        return SqlStdOperatorTable.CAST.createCall(pos, value, spec);
    }
}
