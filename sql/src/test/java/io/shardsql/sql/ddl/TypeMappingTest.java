package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.DefaultExpr;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.SqlType.Kind;
import io.shardsql.sql.parser.ShardSqlParser;
import io.shardsql.sql.parser.SqlColumnDef;
import io.shardsql.sql.parser.SqlCreateTable;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Column types and DEFAULTs of parsed DDL → catalog columns. */
class TypeMappingTest {

    private static ColumnDef column(String definition) {
        SqlCreateTable t = (SqlCreateTable) ShardSqlParser.parse("CREATE TABLE t (" + definition + ")");
        SqlColumnDef c = t.columns().get(0);
        return Columns.of(c, 1, t.primaryKey().stream().anyMatch(k -> k.getSimple().equals(c.simpleName())));
    }

    private static SqlType type(String sqlType) {
        return column("c " + sqlType).type();
    }

    @Test
    void typesMapAsDocumented() {
        assertThat(type("BOOLEAN")).isEqualTo(SqlType.of(Kind.BOOLEAN));
        assertThat(type("SMALLINT")).isEqualTo(SqlType.of(Kind.SMALLINT));
        assertThat(type("INT")).isEqualTo(SqlType.of(Kind.INTEGER));
        assertThat(type("INTEGER")).isEqualTo(SqlType.of(Kind.INTEGER));
        assertThat(type("BIGINT")).isEqualTo(SqlType.of(Kind.BIGINT));
        assertThat(type("DECIMAL")).isEqualTo(SqlType.decimal(0, 0));
        assertThat(type("NUMERIC")).isEqualTo(SqlType.decimal(0, 0));
        assertThat(type("DECIMAL(10)")).isEqualTo(SqlType.decimal(10, 0));
        assertThat(type("NUMERIC(12, 3)")).isEqualTo(SqlType.decimal(12, 3));
        assertThat(type("REAL")).isEqualTo(SqlType.of(Kind.REAL));
        assertThat(type("DOUBLE")).isEqualTo(SqlType.of(Kind.DOUBLE));
        assertThat(type("DOUBLE PRECISION")).isEqualTo(SqlType.of(Kind.DOUBLE));
        assertThat(type("FLOAT")).isEqualTo(SqlType.of(Kind.DOUBLE));
        assertThat(type("VARCHAR(20)")).isEqualTo(SqlType.varchar(20));
        assertThat(type("TEXT")).isEqualTo(SqlType.varchar(0));
        assertThat(type("CHAR")).isEqualTo(new SqlType(Kind.CHAR, 1, 0));
        assertThat(type("CHAR(4)")).isEqualTo(new SqlType(Kind.CHAR, 4, 0));
        assertThat(type("BYTEA")).isEqualTo(new SqlType(Kind.VARBINARY, 0, 0));
        assertThat(type("VARBINARY(8)")).isEqualTo(new SqlType(Kind.VARBINARY, 8, 0));
        assertThat(type("DATE")).isEqualTo(SqlType.of(Kind.DATE));
        assertThat(type("TIME")).isEqualTo(SqlType.of(Kind.TIME));
        assertThat(type("TIMESTAMP")).isEqualTo(SqlType.of(Kind.TIMESTAMP));
        assertThat(type("TIMESTAMP(3)")).isEqualTo(SqlType.of(Kind.TIMESTAMP));
        assertThat(type("TIMESTAMP WITH TIME ZONE")).isEqualTo(SqlType.of(Kind.TIMESTAMPTZ));
        assertThat(type("TIMESTAMP(3) WITH TIME ZONE")).isEqualTo(SqlType.of(Kind.TIMESTAMPTZ));
        assertThat(type("TIMESTAMP WITH LOCAL TIME ZONE")).isEqualTo(SqlType.of(Kind.TIMESTAMPTZ));
        assertThat(type("TIMESTAMPTZ")).isEqualTo(SqlType.of(Kind.TIMESTAMPTZ));
        assertThat(type("JSON")).isEqualTo(SqlType.of(Kind.JSON));
        assertThat(type("jsonb")).isEqualTo(SqlType.of(Kind.JSONB));
    }

    @Test
    void typesWeDoNotHaveAreRefused() {
        assertCode(() -> type("TINYINT"), ErrorCode.FEATURE_NOT_SUPPORTED);
        assertCode(() -> type("BINARY(3)"), ErrorCode.FEATURE_NOT_SUPPORTED);
        assertCode(() -> type("money"), ErrorCode.UNDEFINED_OBJECT);
        assertCode(() -> type("DECIMAL(1001)"), ErrorCode.INVALID_TABLE_DEFINITION);
    }

    @Test
    void keyColumnsAreNotNullAndNotNullIsKept() {
        assertThat(column("id INT PRIMARY KEY").nullable()).isFalse();
        assertThat(column("c INT NOT NULL").nullable()).isFalse();
        assertThat(column("c INT").nullable()).isTrue();
    }

    @Test
    void defaultsAreEvaluatedAndCheckedOnce() {
        assertThat(column("c INT DEFAULT 7").defaultValue()).isEqualTo(7L);
        assertThat(column("c INT DEFAULT -7").defaultValue()).isEqualTo(-7L);
        assertThat(column("c DECIMAL(5, 2) DEFAULT 1.5").defaultValue()).isEqualTo(new BigDecimal("1.50"));
        assertThat(column("c DOUBLE DEFAULT 1.5").defaultValue()).isEqualTo(1.5);
        assertThat(column("c REAL DEFAULT 2").defaultValue()).isEqualTo(2.0f);
        assertThat(column("c TEXT DEFAULT 'x'").defaultValue()).isEqualTo("x");
        assertThat(column("c BOOLEAN DEFAULT TRUE").defaultValue()).isEqualTo(true);
        assertThat(column("c DATE DEFAULT DATE '2024-02-29'").defaultValue()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(column("c DATE DEFAULT '2024-02-29'").defaultValue()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(column("c TIMESTAMP DEFAULT TIMESTAMP '2024-02-29 10:11:12'").defaultValue())
                .isEqualTo(LocalDateTime.of(2024, 2, 29, 10, 11, 12));
        assertThat(column("c BYTEA DEFAULT X'0A0B'").defaultValue()).isEqualTo(new byte[] {10, 11});
        assertThat(column("c INT DEFAULT NULL").defaultValue()).isNull();
        assertThat(column("c INT NOT NULL DEFAULT NULL").defaultValue()).isNull();
    }

    @Test
    void defaultExpressionsAreKeptToBeEvaluatedPerRow() {
        assertThat(column("c TIMESTAMP DEFAULT CURRENT_TIMESTAMP").defaultExpr())
                .isEqualTo(new DefaultExpr(DefaultExpr.Kind.CURRENT_TIMESTAMP, ""));
        assertThat(column("c TIMESTAMP DEFAULT now()").defaultExpr().kind()).isEqualTo(DefaultExpr.Kind.CURRENT_TIMESTAMP);
        assertThat(column("c TIMESTAMP DEFAULT LOCALTIMESTAMP").defaultExpr().kind())
                .isEqualTo(DefaultExpr.Kind.CURRENT_TIMESTAMP);
        assertThat(column("c DATE DEFAULT CURRENT_DATE").defaultExpr().kind()).isEqualTo(DefaultExpr.Kind.CURRENT_DATE);
        assertThat(column("c BIGINT DEFAULT nextval('My_Seq')").defaultExpr()).isEqualTo(DefaultExpr.nextval("my_seq"));
        assertThat(column("c BIGINT DEFAULT nextval('\"My_Seq\"')").defaultExpr()).isEqualTo(DefaultExpr.nextval("My_Seq"));
        assertThat(column("c CHAR(36) DEFAULT gen_random_uuid()").defaultExpr().kind())
                .isEqualTo(DefaultExpr.Kind.GEN_RANDOM_UUID);
        assertThat(column("c UUID DEFAULT gen_random_uuid()").type()).isEqualTo(new SqlType(Kind.CHAR, 36, 0));
        ColumnDef c = column("c TIMESTAMP DEFAULT now()");
        assertThat(c.defaultValue()).isNull();
        assertThat(c.hasDefault()).isTrue();
    }

    @Test
    void serialAndIdentityColumnsAreParsed() {
        SqlCreateTable t = (SqlCreateTable) ShardSqlParser.parse("CREATE TABLE t (a SERIAL, b BIGSERIAL, "
                + "c INT GENERATED ALWAYS AS IDENTITY, d BIGINT GENERATED BY DEFAULT AS IDENTITY (START WITH 5 CACHE 1))");
        assertThat(t.columns()).extracting(SqlColumnDef::generated).containsExactly(SqlColumnDef.Generated.SERIAL,
                SqlColumnDef.Generated.SERIAL, SqlColumnDef.Generated.ALWAYS, SqlColumnDef.Generated.BY_DEFAULT);
        assertThat(type("BIGSERIAL")).isEqualTo(SqlType.of(Kind.BIGINT));
        assertThat(type("SMALLSERIAL")).isEqualTo(SqlType.of(Kind.SMALLINT));
        assertThat(t.columns().get(3).sequenceOptions()).hasSize(2);
        assertThatThrownBy(() -> ShardSqlParser.parse("CREATE TABLE t (a SERIAL GENERATED ALWAYS AS IDENTITY)"))
                .hasMessageContaining("identity");
    }

    @Test
    void badDefaultsAreClearErrors() {
        assertCode(() -> column("c INT DEFAULT 'abc'"), ErrorCode.DATATYPE_MISMATCH);
        assertCode(() -> column("c INT DEFAULT 1.5"), ErrorCode.DATATYPE_MISMATCH);
        assertCode(() -> column("c BOOLEAN DEFAULT 1"), ErrorCode.DATATYPE_MISMATCH);
        assertCode(() -> column("c DATE DEFAULT 'yesterday'"), ErrorCode.DATATYPE_MISMATCH);
        assertCode(() -> column("c SMALLINT DEFAULT 70000"), ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE);
        assertCode(() -> column("c VARCHAR(2) DEFAULT 'abc'"), ErrorCode.STRING_DATA_RIGHT_TRUNCATION);
        assertCode(() -> column("c DECIMAL(3, 1) DEFAULT 100"), ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE);
        assertCode(() -> column("c TIMESTAMP DEFAULT abs(1)"), ErrorCode.FEATURE_NOT_SUPPORTED);
        assertCode(() -> column("c INT DEFAULT CURRENT_TIMESTAMP"), ErrorCode.DATATYPE_MISMATCH);
        assertCode(() -> column("c VARCHAR(35) DEFAULT gen_random_uuid()"), ErrorCode.DATATYPE_MISMATCH);
        assertCode(() -> column("c DATE DEFAULT nextval('s')"), ErrorCode.DATATYPE_MISMATCH);
        assertCode(() -> column("c INT DEFAULT 1 + 1"), ErrorCode.FEATURE_NOT_SUPPORTED);
        assertThatThrownBy(() -> column("c INT DEFAULT 'abc'")).hasMessageContaining("\"c\"").hasMessageContaining("'abc'");
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ShardSqlException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
