package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what planning or running a statement throws into a {@link ShardSqlException} with the SQLState
 * PostgreSQL gives for it, and a message a user understands (with line and column for validation
 * errors). Our own exceptions pass through unchanged.
 */
final class SqlErrors {
    private SqlErrors() {}

    static ShardSqlException translate(Throwable t) {
        ShardSqlException own = ShardSqlException.find(t);
        if (own != null) return own;
        if (find(t, StackOverflowError.class) != null) {
            return new ShardSqlException(ErrorCode.STATEMENT_TOO_COMPLEX,
                    "statement is too deeply nested to plan (expressions nested thousands deep)", t);
        }
        Throwable compile = t;
        while (compile != null && !String.valueOf(compile.getMessage()).startsWith(GENERATED_CODE_FAILED)) {
            compile = compile.getCause();
        }
        if (compile != null) {
            // Calcite's message goes on with the whole generated class: never pass that on.
            Throwable cause = compile.getCause() != null ? compile.getCause() : compile;
            return new ShardSqlException(ErrorCode.PROGRAM_LIMIT_EXCEEDED, "statement is too big to compile ("
                    + firstLine(cause.getMessage(), 200) + "); split it into smaller statements", t);
        }
        CalciteContextException context = find(t, CalciteContextException.class);
        if (context != null) return validation(context);
        ArithmeticException arithmetic = find(t, ArithmeticException.class);
        if (arithmetic != null) {
            String m = String.valueOf(arithmetic.getMessage());
            if (m.contains("by zero")) return new ShardSqlException(ErrorCode.DIVISION_BY_ZERO, "division by zero", t);
            return new ShardSqlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "numeric value out of range: " + m, t);
        }
        NumberFormatException number = find(t, NumberFormatException.class);
        if (number != null) {
            return new ShardSqlException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for a number: " + number.getMessage(), t);
        }
        CalciteException calcite = find(t, CalciteException.class);
        if (calcite != null) return classify(calcite.getMessage(), t);
        // Constant expressions run in the static initializer of the generated code, so their failures
        // arrive wrapped in an ExceptionInInitializerError: look for the cause itself.
        IllegalArgumentException illegal = find(t, IllegalArgumentException.class);
        if (illegal != null && String.valueOf(illegal.getMessage()).contains("field is out of range")) {
            return new ShardSqlException(ErrorCode.DATETIME_FIELD_OVERFLOW,
                    "date/time field value out of range: " + illegal.getMessage(), t);
        }
        RuntimeException other = illegal != null ? illegal : find(t, RuntimeException.class);
        String m = other == null ? null : other.getMessage();
        if (m != null) {
            if (m.contains("more than one value")) {
                return new ShardSqlException(ErrorCode.CARDINALITY_VIOLATION,
                        "more than one row returned by a subquery used as an expression", t);
            }
            if (other instanceof IllegalArgumentException || other instanceof IllegalStateException) {
                String lower = m.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("date") || lower.contains("time")) {
                    return new ShardSqlException(ErrorCode.INVALID_DATETIME_FORMAT,
                            "invalid input syntax for a date/time: " + m, t);
                }
                if (lower.startsWith("cannot take logarithm")) {
                    return new ShardSqlException(ErrorCode.INVALID_ARGUMENT_FOR_LOGARITHM, lower, t);
                }
                if (lower.contains("invalid") || lower.contains("cast")) {
                    return new ShardSqlException(ErrorCode.INVALID_TEXT_REPRESENTATION, m, t);
                }
            }
        }
        return new ShardSqlException(ErrorCode.INTERNAL, "internal error: " + firstLine(String.valueOf(t), 500), t);
    }

    /** How Calcite's message starts when the Java it generated for a plan does not compile. */
    private static final String GENERATED_CODE_FAILED = "Error while compiling generated Java code";

    /** The first line of {@code message}, cut to {@code max} characters. */
    private static String firstLine(String message, int max) {
        String m = String.valueOf(message);
        int end = m.indexOf('\n');
        String line = end < 0 ? m : m.substring(0, end);
        return line.length() <= max ? line : line.substring(0, max) + "...";
    }

    private static ShardSqlException validation(CalciteContextException e) {
        String message = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                : e.getMessage();
        String where = e.getPosLine() > 0 ? "line " + e.getPosLine() + ", column " + e.getPosColumn() + ": " : "";
        ShardSqlException classified = classify(message, e);
        return new ShardSqlException(classified.code(), where + message, e);
    }

    private static final Pattern DATETIME_LITERAL =
            Pattern.compile("Illegal (?:DATE|TIME|TIMESTAMP) literal '([^']*)'");
    private static final Pattern WELL_FORMED_DATETIME = Pattern.compile(
            "\\d{4}-\\d{1,2}-\\d{1,2}( \\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?|\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");

    private static ShardSqlException classify(String message, Throwable t) {
        String m = String.valueOf(message);
        ErrorCode code;
        if (m.startsWith("Object '") && m.contains("not found")) code = ErrorCode.UNDEFINED_TABLE;
        else if (m.startsWith("Table '") && m.contains("not found")) code = ErrorCode.UNDEFINED_TABLE;
        else if (m.startsWith("Column '") && m.contains("not found")) code = ErrorCode.UNDEFINED_COLUMN;
        else if (m.startsWith("Column '") && m.contains("is ambiguous")) code = ErrorCode.AMBIGUOUS_COLUMN;
        else if (m.contains("is not being grouped") || m.contains("Aggregate expression is illegal")
                || m.contains("aggregate function") && m.contains("illegal")) code = ErrorCode.GROUPING_ERROR;
        else if (m.startsWith("No match found for function signature")) code = ErrorCode.UNDEFINED_FUNCTION;
        else if (m.startsWith("Number of INSERT target columns")
                || m.startsWith("Column count mismatch")) code = ErrorCode.SYNTAX_ERROR;
        else if (m.startsWith("Unknown target column")) code = ErrorCode.UNDEFINED_COLUMN;
        else if (m.contains("does not allow NULLs")) code = ErrorCode.NOT_NULL_VIOLATION;
        else if (m.contains("must be a condition")) code = ErrorCode.DATATYPE_MISMATCH;
        // PostgreSQL: "operator does not exist: integer = boolean" (and the same for functions).
        else if (m.startsWith("Cannot apply '")) code = ErrorCode.UNDEFINED_FUNCTION;
        else if (m.startsWith("Cannot assign") || m.contains("Illegal mixing of types")
                || m.startsWith("Values passed to") || m.contains("incompatible")) code = ErrorCode.DATATYPE_MISMATCH;
        else if (m.contains("out of range") || m.contains("Overflow")
                || m.contains("overflow")) code = ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE;
        else if (m.contains("Division by zero") || m.contains("by zero")) code = ErrorCode.DIVISION_BY_ZERO;
        else if (m.startsWith("Cannot take logarithm")) code = ErrorCode.INVALID_ARGUMENT_FOR_LOGARITHM;
        else if (m.startsWith("Invalid character for cast")) code = ErrorCode.INVALID_TEXT_REPRESENTATION;
        else if (m.startsWith("Illegal ") && m.contains(" literal '")) code = datetimeLiteral(m);
        else code = ErrorCode.INVALID_SQL;
        return new ShardSqlException(code, m, t);
    }

    /**
     * Calcite says "not in format" both for a well-formed impossible date ({@code DATE '2023-02-29'}) and
     * for garbage; PostgreSQL tells them apart (22008 and 22007), and so do we, by the literal's shape.
     */
    private static ErrorCode datetimeLiteral(String message) {
        Matcher literal = DATETIME_LITERAL.matcher(message);
        if (!literal.lookingAt()) return ErrorCode.INVALID_SQL;
        return WELL_FORMED_DATETIME.matcher(literal.group(1)).matches() ? ErrorCode.DATETIME_FIELD_OVERFLOW
                : ErrorCode.INVALID_DATETIME_FORMAT;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) return type.cast(c);
            if (c.getCause() == c) break;
        }
        return null;
    }
}
