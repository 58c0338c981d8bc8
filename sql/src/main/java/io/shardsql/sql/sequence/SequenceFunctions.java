package io.shardsql.sql.sequence;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The volatile functions, declared to Calcite: {@code nextval(name)}, {@code currval(name)},
 * {@code setval(name, value [, is_called])}, {@code now()} and {@code gen_random_uuid()}. None is
 * deterministic, so the planner never folds or hoists a call: each row evaluates its own. Their compiled
 * code calls the static methods below with the statement's DataContext, where the session put its
 * {@link SessionSequences.Bound} under {@link SessionSequences#CONTEXT_KEY}.
 */
public final class SequenceFunctions {
    private SequenceFunctions() {}

    public static final SqlFunction NEXTVAL = function("NEXTVAL", ReturnTypes.BIGINT_NULLABLE,
            List.of(SqlTypeName.VARCHAR), NullPolicy.STRICT, "nextval");

    /**
     * {@code nextval(name, k)}: nextval, where {@code k} only tells calls apart. The planner takes two
     * equal expressions for one (and computes it once); {@link #NEXTVAL} calls in a statement, and column
     * defaults, are numbered so that each is its own.
     */
    public static final SqlFunction NEXTVAL_NUMBERED = function("NEXTVAL", ReturnTypes.BIGINT_NULLABLE,
            List.of(SqlTypeName.VARCHAR, SqlTypeName.INTEGER), NullPolicy.ARG0, "nextval");

    public static final SqlFunction CURRVAL = function("CURRVAL", ReturnTypes.BIGINT_NULLABLE,
            List.of(SqlTypeName.VARCHAR), NullPolicy.STRICT, "currval");

    public static final SqlFunction SETVAL = function("SETVAL", ReturnTypes.BIGINT_NULLABLE,
            List.of(SqlTypeName.VARCHAR, SqlTypeName.BIGINT), NullPolicy.STRICT, "setval");

    public static final SqlFunction SETVAL_CALLED = function("SETVAL", ReturnTypes.BIGINT_NULLABLE,
            List.of(SqlTypeName.VARCHAR, SqlTypeName.BIGINT, SqlTypeName.BOOLEAN), NullPolicy.STRICT, "setval");

    /** The statement's start time (as CURRENT_TIMESTAMP), with milliseconds. */
    public static final SqlFunction NOW = function("NOW",
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3), List.of(), NullPolicy.NONE, "now");

    /** A random version-4 UUID as its 36-character text (there is no UUID type yet). */
    public static final SqlFunction GEN_RANDOM_UUID = function("GEN_RANDOM_UUID",
            ReturnTypes.explicit(SqlTypeName.CHAR, 36), List.of(), NullPolicy.NONE, "genRandomUuid");

    /** {@code gen_random_uuid(k)}: numbered as {@link #NEXTVAL_NUMBERED} is. */
    public static final SqlFunction GEN_RANDOM_UUID_NUMBERED = function("GEN_RANDOM_UUID",
            ReturnTypes.explicit(SqlTypeName.CHAR, 36), List.of(SqlTypeName.INTEGER), NullPolicy.NONE,
            "genRandomUuid");

    public static final List<SqlFunction> ALL = List.of(NEXTVAL, NEXTVAL_NUMBERED, CURRVAL, SETVAL, SETVAL_CALLED,
            NOW, GEN_RANDOM_UUID, GEN_RANDOM_UUID_NUMBERED);

    /** Whether calls of {@code name} are numbered ({@link #NEXTVAL_NUMBERED}) and how many arguments they take. */
    public static int numberedArity(String name) {
        if (name.equalsIgnoreCase("NEXTVAL")) return 1;
        if (name.equalsIgnoreCase("GEN_RANDOM_UUID")) return 0;
        return -1;
    }

    // ---- called by compiled plans ----------------------------------------------------------------------

    public static long nextval(DataContext root, String name) {
        return bound(root).nextval(name);
    }

    public static long nextval(DataContext root, String name, int call) {
        return bound(root).nextval(name);
    }

    public static long currval(DataContext root, String name) {
        return bound(root).currval(name);
    }

    public static long setval(DataContext root, String name, long value) {
        return bound(root).setval(name, value, true);
    }

    public static long setval(DataContext root, String name, long value, boolean called) {
        return bound(root).setval(name, value, called);
    }

    public static long now(DataContext root) {
        return (Long) root.get(DataContext.Variable.CURRENT_TIMESTAMP.camelName);
    }

    public static String genRandomUuid(DataContext root) {
        return UUID.randomUUID().toString();
    }

    public static String genRandomUuid(DataContext root, int call) {
        return UUID.randomUUID().toString();
    }

    private static SessionSequences.Bound bound(DataContext root) {
        Object bound = root.get(SessionSequences.CONTEXT_KEY);
        if (bound == null) throw new IllegalStateException("this statement runs without sequences");
        return (SessionSequences.Bound) bound;
    }

    // ---- declarations ------------------------------------------------------------------------------

    /**
     * A function of arguments of {@code types} (or of their families) whose code calls the static method
     * {@code method} of this class with the DataContext and the arguments converted to their Java types.
     */
    private static SqlFunction function(String name, SqlReturnTypeInference returns, List<SqlTypeName> types,
                                        NullPolicy nulls, String method) {
        List<SqlTypeFamily> families = types.stream().map(t -> t.getFamily() == SqlTypeFamily.NUMERIC
                ? SqlTypeFamily.INTEGER : t.getFamily()).toList();
        CallImplementor implementor = RexImpTable.createImplementor((translator, call, args) -> {
            List<Expression> operands = new ArrayList<>();
            operands.add(translator.getRoot());
            for (int i = 0; i < args.size(); i++) operands.add(EnumUtils.convert(args.get(i), javaType(types.get(i))));
            return Expressions.call(SequenceFunctions.class, method, operands);
        }, nulls, false);
        ImplementableFunction impl = new ImplementableFunction() {
            @Override
            public List<FunctionParameter> getParameters() {
                List<FunctionParameter> ps = new ArrayList<>();
                for (int i = 0; i < types.size(); i++) ps.add(parameter(i, types.get(i)));
                return ps;
            }

            @Override
            public CallImplementor getImplementor() { return implementor; }
        };
        return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, returns,
                InferTypes.FIRST_KNOWN,
                OperandTypes.operandMetadata(families, f -> types.stream().map(f::createSqlType).toList(),
                        i -> "arg" + i, i -> false), impl) {
            @Override
            public boolean isDeterministic() { return false; }
        };
    }

    private static Class<?> javaType(SqlTypeName type) {
        return switch (type) {
            case BIGINT -> long.class;
            case INTEGER -> int.class;
            case BOOLEAN -> boolean.class;
            default -> String.class;
        };
    }

    private static FunctionParameter parameter(int ordinal, SqlTypeName type) {
        return new FunctionParameter() {
            @Override
            public int getOrdinal() { return ordinal; }

            @Override
            public String getName() { return "arg" + ordinal; }

            @Override
            public RelDataType getType(RelDataTypeFactory typeFactory) { return typeFactory.createSqlType(type); }

            @Override
            public boolean isOptional() { return false; }
        };
    }
}
