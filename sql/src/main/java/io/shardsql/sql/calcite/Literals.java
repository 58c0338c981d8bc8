package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.SqlType;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/** Catalog values as the objects {@code RexBuilder.makeLiteral} takes. */
final class Literals {
    private Literals() {}

    static Object forDefault(SqlType type, Object v) {
        return switch (type.kind()) {
            case SMALLINT, INTEGER, BIGINT -> BigDecimal.valueOf((Long) v);
            case REAL -> new BigDecimal(Float.toString((Float) v));
            case DOUBLE -> BigDecimal.valueOf((Double) v);
            case VARBINARY -> new ByteString((byte[]) v);
            case DATE -> new DateString(((LocalDate) v).toString());
            case TIME -> TimeString.fromMillisOfDay((int) (((LocalTime) v).toNanoOfDay() / 1_000_000));
            case TIMESTAMP -> TimestampString.fromMillisSinceEpoch(
                    ((LocalDateTime) v).toInstant(java.time.ZoneOffset.UTC).toEpochMilli());
            case TIMESTAMPTZ -> TimestampString.fromMillisSinceEpoch(((java.time.Instant) v).toEpochMilli());
            default -> v;
        };
    }
}
