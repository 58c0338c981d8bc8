package io.shardsql.protocol.codec;

import io.shardsql.common.ErrorCode;
import io.shardsql.protocol.message.AuthChallenge;
import io.shardsql.protocol.message.AuthOk;
import io.shardsql.protocol.message.Authenticate;
import io.shardsql.protocol.message.BatchResult;
import io.shardsql.protocol.message.Cancel;
import io.shardsql.protocol.message.ClientMessage;
import io.shardsql.protocol.message.CloseCursor;
import io.shardsql.protocol.message.CloseStatement;
import io.shardsql.protocol.message.ColumnMetadata;
import io.shardsql.protocol.message.Commit;
import io.shardsql.protocol.message.Done;
import io.shardsql.protocol.message.ErrorReply;
import io.shardsql.protocol.message.Execute;
import io.shardsql.protocol.message.ExecuteBatch;
import io.shardsql.protocol.message.Fetch;
import io.shardsql.protocol.message.Goodbye;
import io.shardsql.protocol.message.Hello;
import io.shardsql.protocol.message.HelloReply;
import io.shardsql.protocol.message.Ok;
import io.shardsql.protocol.message.ParameterMetadata;
import io.shardsql.protocol.message.Ping;
import io.shardsql.protocol.message.Pong;
import io.shardsql.protocol.message.Prepare;
import io.shardsql.protocol.message.Prepared;
import io.shardsql.protocol.message.ResultHeader;
import io.shardsql.protocol.message.Rollback;
import io.shardsql.protocol.message.RowBatch;
import io.shardsql.protocol.message.ServerMessage;
import io.shardsql.protocol.message.SetAutoCommit;
import io.shardsql.protocol.message.SetIsolation;
import io.shardsql.protocol.message.SetReadOnly;
import io.shardsql.protocol.message.StatementRef;
import io.shardsql.protocol.message.UpdateCount;
import io.shardsql.protocol.value.Bytes;
import io.shardsql.protocol.value.Row;
import io.shardsql.protocol.value.Value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/** At least one instance of every message and every value type, with edge cases, for the codec tests. */
final class Samples {
    private Samples() {}

    static final String LONG_STRING = "ünïcødé ✓ 𝄞 ".repeat(20_000);

    static List<Value> values() {
        List<Value> v = new ArrayList<>();
        v.add(Value.NULL);
        v.add(Value.of(true));
        v.add(Value.of(false));
        for (short s : new short[] {0, 1, -1, Short.MIN_VALUE, Short.MAX_VALUE}) v.add(Value.of(s));
        for (int i : new int[] {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}) v.add(Value.of(i));
        for (long l : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE}) v.add(Value.of(l));
        v.add(Value.of(BigDecimal.ZERO));
        v.add(Value.of(new BigDecimal("-123.4500")));
        v.add(Value.of(new BigDecimal("1E+10")));                          // negative scale
        v.add(Value.of(new BigDecimal(BigInteger.TEN.pow(400).negate(), -7))); // huge precision, negative scale
        v.add(Value.of(new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE)));
        v.add(Value.of(new BigDecimal(BigInteger.valueOf(Long.MIN_VALUE), Integer.MIN_VALUE)));
        for (float f : new float[] {0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY,
                3.14f}) {
            v.add(Value.of(f));
        }
        for (double d : new double[] {0d, -0d, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Math.E}) {
            v.add(Value.of(d));
        }
        v.add(Value.of(""));
        v.add(Value.of("hello"));
        v.add(Value.of("naïve café ✓ 😀"));
        v.add(Value.of(LONG_STRING));
        v.add(Value.of(new byte[0]));
        v.add(Value.of(new byte[] {0, -1, 127, -128}));
        v.add(Value.of(new byte[70_000]));
        v.add(Value.of(LocalDate.of(2024, 2, 29)));
        v.add(Value.of(LocalDate.EPOCH));
        v.add(Value.of(LocalDate.MIN));
        v.add(Value.of(LocalDate.MAX));
        v.add(Value.of(LocalTime.MIDNIGHT));
        v.add(Value.of(LocalTime.MAX));
        v.add(Value.of(LocalTime.of(13, 45, 7, 123_456_789)));
        v.add(Value.of(LocalDateTime.of(2024, 12, 31, 23, 59, 59, 999_999_999)));
        v.add(Value.of(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 1)));   // before the epoch, with nanos
        v.add(Value.of(LocalDateTime.MIN));
        v.add(Value.of(LocalDateTime.MAX));
        return v;
    }

    static List<ClientMessage> clientMessages() {
        return List.of(
                new Hello(List.of(1, 2, 255), "shardsql-jdbc 0.1.0", "admin", "SCRAM-SHA-256",
                        Bytes.wrap(new byte[] {1, 2, 3})),
                new Hello(List.of(), "", "", "", Bytes.EMPTY),
                new Authenticate(Bytes.wrap(new byte[32])),
                new Prepare("SELECT * FROM t WHERE id = ?"),
                new Prepare(""),
                new Execute(StatementRef.byId(42), values(), 500, 10_000, 30_000),
                new Execute(StatementRef.sql("SELECT 1"), List.of(), 0, 0, 0),
                new Execute(StatementRef.byId(Long.MIN_VALUE), List.of(Value.NULL), Integer.MAX_VALUE, Long.MAX_VALUE,
                        Integer.MAX_VALUE),
                new ExecuteBatch(StatementRef.sql("INSERT INTO t VALUES (?, ?)"),
                        List.of(List.of(Value.of(1), Value.of("a")), List.of(Value.of(2), Value.NULL), List.of()),
                        1000),
                new ExecuteBatch(StatementRef.byId(7), List.of(), 0),
                new Fetch(99, 1000),
                new CloseStatement(42),
                new CloseCursor(-1),
                new Commit(),
                new Rollback(),
                new SetAutoCommit(true),
                new SetAutoCommit(false),
                new SetReadOnly(true),
                new SetIsolation(Connection.TRANSACTION_SERIALIZABLE),
                new SetIsolation(Connection.TRANSACTION_READ_UNCOMMITTED),
                new Cancel(123456789L, -987654321L, 17),
                new Ping(),
                new Goodbye());
    }

    static List<ColumnMetadata> columns() {
        return List.of(
                new ColumnMetadata("ID", Types.BIGINT, "BIGINT", 19, 0, ResultSetMetaData.columnNoNulls),
                new ColumnMetadata("name", Types.VARCHAR, "VARCHAR", 255, 0, ResultSetMetaData.columnNullable),
                new ColumnMetadata("", Types.DECIMAL, "DECIMAL", 38, -2, ResultSetMetaData.columnNullableUnknown));
    }

    static List<ServerMessage> serverMessages() {
        List<Row> rows = List.of(new Row(values()), Row.of(), Row.of(Value.NULL, Value.NULL), Row.of(Value.of("x")));
        return List.of(
                new HelloReply(1, "ShardSQL 0.1.0", new AuthChallenge("SCRAM-SHA-256", Bytes.wrap(new byte[16]), 4096,
                        Bytes.wrap(new byte[] {9, 8}))),
                new AuthOk(1L, Long.MIN_VALUE, Bytes.wrap(new byte[32]), Connection.TRANSACTION_REPEATABLE_READ,
                        Connection.TRANSACTION_REPEATABLE_READ | Connection.TRANSACTION_SERIALIZABLE),
                new Prepared(5, List.of(new ParameterMetadata(Types.INTEGER, "INTEGER", 10, 0, 1),
                        new ParameterMetadata(Types.VARCHAR, "", 0, 0, 2)), columns()),
                new Prepared(6, List.of(), List.of()),
                new ResultHeader(77, columns()),
                new ResultHeader(0, List.of()),
                new RowBatch(rows, false),
                new RowBatch(List.of(), true),
                new UpdateCount(0),
                new UpdateCount(Long.MAX_VALUE),
                new BatchResult(List.of(1L, 0L, -2L, Long.MAX_VALUE)),
                new BatchResult(List.of()),
                new Done(),
                new Ok(),
                new Pong(),
                new ErrorReply("42601", 5000, "syntax error at line 1, column 8: unexpected FROM", 1, 8),
                ErrorReply.of(ErrorCode.PROTOCOL_VIOLATION, ""));
    }
}
