package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an error from Calcite or the JVM becomes at the edge: the right SQLState, and never generated code. */
class SqlErrorsTest {

    @Test
    void generatedCodeThatDoesNotCompileIsTooBigAndItsCodeStaysOut() {
        RuntimeException calcite = new RuntimeException("Error while compiling generated Java code:\n"
                + "public static class Record1_0 implements java.io.Serializable {\n  public long f0;\n}",
                new IllegalStateException("Code of method \"bind\" grows beyond 64 KB\nmore detail"));
        ShardSqlException e = SqlErrors.translate(new RuntimeException("wrapped", calcite));
        assertThat(e.code()).isEqualTo(ErrorCode.PROGRAM_LIMIT_EXCEEDED);
        assertThat(e.getMessage()).contains("grows beyond 64 KB").doesNotContain("public").doesNotContain("more detail");
    }

    @Test
    void runningOutOfStackIsStatementTooComplex() {
        ShardSqlException e = SqlErrors.translate(new RuntimeException("planning", new StackOverflowError()));
        assertThat(e.code()).isEqualTo(ErrorCode.STATEMENT_TOO_COMPLEX);
        assertThat(e.code().sqlState()).isEqualTo("54001");
    }

    @Test
    void anInternalErrorShowsOneLineOfItsMessage() {
        ShardSqlException e = SqlErrors.translate(new NullPointerException("first line\n" + "x".repeat(5000)));
        assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(e.getMessage()).contains("first line").hasSizeLessThan(600);
    }
}
