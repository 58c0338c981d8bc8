package io.shardsql.sql.exec;

import io.shardsql.sql.catalog.SqlType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * information_schema's type descriptions: every column type in PostgreSQL's spelling with its length,
 * precision and scale, from the catalog's {@link SqlType} and from the Calcite type text a view stores.
 */
class PostgresTypeNamesTest {

    @Test
    void tableColumnTypesArePostgresNames() {
        assertThat(PostgresTypeNames.of(SqlType.of(SqlType.Kind.INTEGER)))
                .isEqualTo(new PostgresTypeNames("integer", null, 32, 0));
        assertThat(PostgresTypeNames.of(SqlType.of(SqlType.Kind.SMALLINT)).numericPrecision()).isEqualTo(16);
        assertThat(PostgresTypeNames.of(SqlType.of(SqlType.Kind.BIGINT)).numericPrecision()).isEqualTo(64);
        assertThat(PostgresTypeNames.of(SqlType.varchar(20)))
                .isEqualTo(new PostgresTypeNames("character varying", 20, null, null));
        assertThat(PostgresTypeNames.of(SqlType.varchar(0))).isEqualTo(new PostgresTypeNames("text", null, null, null));
        assertThat(PostgresTypeNames.of(new SqlType(SqlType.Kind.CHAR, 3, 0)))
                .isEqualTo(new PostgresTypeNames("character", 3, null, null));
        assertThat(PostgresTypeNames.of(SqlType.decimal(10, 2)))
                .isEqualTo(new PostgresTypeNames("numeric", null, 10, 2));
        assertThat(PostgresTypeNames.of(SqlType.decimal(0, 0)))
                .isEqualTo(new PostgresTypeNames("numeric", null, null, null));
        assertThat(PostgresTypeNames.of(SqlType.of(SqlType.Kind.DOUBLE)))
                .isEqualTo(new PostgresTypeNames("double precision", null, 53, null));
        assertThat(PostgresTypeNames.of(SqlType.of(SqlType.Kind.REAL)))
                .isEqualTo(new PostgresTypeNames("real", null, 24, null));
        assertThat(PostgresTypeNames.of(SqlType.of(SqlType.Kind.VARBINARY)).dataType()).isEqualTo("bytea");
        assertThat(PostgresTypeNames.of(SqlType.of(SqlType.Kind.BOOLEAN)).dataType()).isEqualTo("boolean");
        assertThat(PostgresTypeNames.of(SqlType.of(SqlType.Kind.DATE)).dataType()).isEqualTo("date");
        assertThat(PostgresTypeNames.of(SqlType.of(SqlType.Kind.TIME)).dataType()).isEqualTo("time without time zone");
        assertThat(PostgresTypeNames.of(SqlType.of(SqlType.Kind.TIMESTAMP)).dataType())
                .isEqualTo("timestamp without time zone");
    }

    @Test
    void viewColumnTypeTextIsParsed() {
        assertThat(PostgresTypeNames.ofTypeText("VARCHAR(20) CHARACTER SET \"UTF-16LE\""))
                .isEqualTo(new PostgresTypeNames("character varying", 20, null, null));
        assertThat(PostgresTypeNames.ofTypeText("VARCHAR CHARACTER SET \"UTF-16LE\"").dataType()).isEqualTo("text");
        assertThat(PostgresTypeNames.ofTypeText("DECIMAL(10, 2)"))
                .isEqualTo(new PostgresTypeNames("numeric", null, 10, 2));
        assertThat(PostgresTypeNames.ofTypeText("TIMESTAMP(3)").dataType()).isEqualTo("timestamp without time zone");
        assertThat(PostgresTypeNames.ofTypeText("INTEGER")).isEqualTo(new PostgresTypeNames("integer", null, 32, 0));
        assertThat(PostgresTypeNames.ofTypeText("CHAR(1)")).isEqualTo(new PostgresTypeNames("character", 1, null, null));
        assertThat(PostgresTypeNames.ofTypeText("INTERVAL DAY").dataType()).isEqualTo("interval");
    }
}
