package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogCodec;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.DefaultExpr;
import io.shardsql.sql.catalog.SequenceCodec;
import io.shardsql.sql.catalog.SequenceDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SequenceOption;
import io.shardsql.sql.parser.ShardSqlParser;
import io.shardsql.sql.parser.SqlAlterSequence;
import io.shardsql.sql.parser.SqlCreateSequence;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CREATE / ALTER SEQUENCE options → definitions, PostgreSQL's defaults, and how definitions are stored. */
class SequenceOptionsTest {

    private static List<SequenceOption> options(String sql) {
        return ((SqlCreateSequence) ShardSqlParser.parse("CREATE SEQUENCE s " + sql)).options();
    }

    private static SequenceDef create(String sql) {
        return SequenceOptions.create(7, "s", options(sql), Long.MAX_VALUE, "", 99);
    }

    @Test
    void defaultsAreThoseOfPostgreSql() {
        SequenceDef up = create("");
        assertThat(up).isEqualTo(new SequenceDef(7, "s", 1, 1, 1, Long.MAX_VALUE, SequenceDef.DEFAULT_CACHE, "", 0, 99));
        SequenceDef down = create("INCREMENT BY -1");
        assertThat(down.start()).isEqualTo(-1);
        assertThat(down.max()).isEqualTo(-1);
        assertThat(down.min()).isEqualTo(Long.MIN_VALUE);
        assertThat(create("AS INTEGER").max()).isEqualTo(Integer.MAX_VALUE);
        assertThat(create("MINVALUE 10").start()).isEqualTo(10);
    }

    @Test
    void optionsAreTakenInAnyOrder() {
        SequenceDef s = create("CACHE 1 MAXVALUE 100 START WITH 5 INCREMENT 5 MINVALUE -3 NO CYCLE");
        assertThat(s).isEqualTo(new SequenceDef(7, "s", 5, 5, -3, 100, 1, "", 0, 99));
    }

    @Test
    void contradictionsAre22023AndCycleIs0A000() {
        assertCode(() -> create("MINVALUE 5 MAXVALUE 5"), ErrorCode.INVALID_PARAMETER_VALUE);
        assertCode(() -> create("INCREMENT 0"), ErrorCode.INVALID_PARAMETER_VALUE);
        assertCode(() -> create("START 0"), ErrorCode.INVALID_PARAMETER_VALUE);
        assertCode(() -> create("CACHE 0"), ErrorCode.INVALID_PARAMETER_VALUE);
        assertCode(() -> create("CYCLE"), ErrorCode.FEATURE_NOT_SUPPORTED);
        // thrown while parsing, so reported as where the parse failed
        assertCode(() -> create("START 99999999999999999999"), ErrorCode.SYNTAX_ERROR);
    }

    @Test
    void alterKeepsWhatItDoesNotSayAndStartsANewGeneration() {
        SequenceDef old = create("START 10 MAXVALUE 50");
        SqlAlterSequence alter = (SqlAlterSequence) ShardSqlParser.parse("ALTER SEQUENCE s INCREMENT BY 3 RESTART");
        SequenceOptions.Altered a = SequenceOptions.alter(old, alter.options());
        assertThat(a.sequence()).isEqualTo(new SequenceDef(7, "s", 3, 10, 1, 50, SequenceDef.DEFAULT_CACHE, "", 1, 99));
        assertThat(a.restart()).isEqualTo(10);
        SqlAlterSequence noMax = (SqlAlterSequence) ShardSqlParser.parse("ALTER SEQUENCE s NO MAXVALUE");
        assertThat(SequenceOptions.alter(old, noMax.options()).sequence().max()).isEqualTo(Long.MAX_VALUE);
        assertThat(SequenceOptions.alter(old, noMax.options()).restart()).isNull();
        SqlAlterSequence bad = (SqlAlterSequence) ShardSqlParser.parse("ALTER SEQUENCE s RESTART WITH 51");
        assertCode(() -> SequenceOptions.alter(old, bad.options()), ErrorCode.INVALID_PARAMETER_VALUE);
    }

    @Test
    void definitionsAndValuesRoundTrip() {
        SequenceDef s = new SequenceDef(3, "ünïcode_seq", -2, -1, -100, -1, 17, "owner_table", 4, 12345);
        assertThat(SequenceCodec.decode(SequenceCodec.encode(s))).isEqualTo(s);
        SequenceCodec.Value v = new SequenceCodec.Value(12345, Long.MIN_VALUE, true);
        assertThat(SequenceCodec.decodeValue(SequenceCodec.encodeValue(v))).isEqualTo(v);
        assertCode(() -> SequenceCodec.decode(new byte[] {1, 2}), ErrorCode.STORAGE_CORRUPTED);
    }

    @Test
    void tableDefinitionsKeepDefaultExpressionsAndIdentity() {
        ColumnDef id = new ColumnDef(1, "id", SqlType.of(SqlType.Kind.BIGINT), false, null,
                DefaultExpr.nextval("t_id_seq"), ColumnDef.Identity.ALWAYS);
        ColumnDef at = new ColumnDef(2, "at", SqlType.of(SqlType.Kind.TIMESTAMP), true, null,
                new DefaultExpr(DefaultExpr.Kind.CURRENT_TIMESTAMP, ""), ColumnDef.Identity.NONE);
        TableDef t = new TableDef(5, "t", List.of(id, at), List.of(1), List.of(), 3);
        assertThat(CatalogCodec.decode(CatalogCodec.encode(t))).isEqualTo(t);
    }

    @Test
    void tableDefinitionsOfTheFirstFormatAreStillRead() {
        // format 1, as written before DEFAULT expressions: format 2 without the column's expression and identity
        // bytes (| expr 0 | identity 0 |, just before | pk n (2) | indexes n (2) |)
        ColumnDef v = new ColumnDef(1, "v", SqlType.of(SqlType.Kind.INTEGER), true, 42L);
        byte[] v2 = CatalogCodec.encode(new TableDef(5, "t", List.of(v), List.of(), List.of(), 2));
        byte[] v1 = new byte[v2.length - 2];
        System.arraycopy(v2, 0, v1, 0, v2.length - 6);
        System.arraycopy(v2, v2.length - 4, v1, v2.length - 6, 4);
        v1[0] = 1;
        TableDef t = CatalogCodec.decode(v1);
        assertThat(t.columns()).containsExactly(v);
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ShardSqlException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
