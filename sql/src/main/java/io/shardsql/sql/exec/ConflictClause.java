package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.calcite.ConflictUpdate;
import io.shardsql.sql.calcite.OnConflict;
import io.shardsql.sql.calcite.ShardTable;
import io.shardsql.sql.calcite.ShardTypes;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlInsertOnConflict;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.ConvertToChecked;
import org.apache.calcite.sql2rel.SqlToRelConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an INSERT's conflict handling: {@code UPSERT} replaces the stored row; {@code ON CONFLICT
 * [(pk)] DO NOTHING} skips it; {@code ON CONFLICT (pk) DO UPDATE SET col = expr, ... [WHERE cond]}
 * updates it. The conflict target must be the primary key (0A000 otherwise), and the key columns
 * cannot be SET.
 *
 * <p>The SET expressions and the WHERE may use the stored row (by the table's name) and the proposed
 * one ({@code EXCLUDED}), parameters and functions, as in PostgreSQL. They are planned as the query
 * <pre>
 * SELECT expr1, ..., exprN [, cond] FROM t AS t, t AS excluded
 * </pre>
 * whose projection, over the two rows side by side, Calcite compiles once ({@link ConflictUpdate}).
 * Unqualified column names are the stored row's. A sub-query there is refused (0A000).
 */
final class ConflictClause {
    private ConflictClause() {}

    static OnConflict of(SqlNode statement, PlanningSchema schema, SqlValidator.Config config) {
        if (!(statement instanceof SqlInsert insert)) return OnConflict.ERROR;
        if (insert.isUpsert()) return new OnConflict(OnConflict.Action.REPLACE, null);
        if (!(insert instanceof SqlInsertOnConflict c)) return OnConflict.ERROR;
        TableDef def = table(insert, schema.root());
        if (c.conflictTarget() != null && c.conflictTarget().size() > 0) {
            Set<String> target = new TreeSet<>();
            for (SqlNode n : c.conflictTarget()) target.add(((SqlIdentifier) n).getSimple());
            Set<String> key = new TreeSet<>(def.primaryKeyColumns().stream().map(ColumnDef::name).toList());
            if (!target.equals(key)) {
                throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                        "ON CONFLICT " + target + ": the conflict target must be the primary key " + key + " of "
                                + def.name());
            }
        }
        if (c.action() == SqlInsertOnConflict.Action.NOTHING) return new OnConflict(OnConflict.Action.NOTHING, null);
        List<Integer> positions = new ArrayList<>();
        for (SqlIdentifier column : c.updateColumns()) {
            String name = column.getSimple();
            ColumnDef col = def.column(name).orElseThrow(() -> new ShardSqlException(ErrorCode.UNDEFINED_COLUMN,
                    "column \"" + name + "\" of relation \"" + def.name() + "\" does not exist"));
            if (def.primaryKey().contains(col.id())) {
                throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                        "ON CONFLICT DO UPDATE cannot change the primary key column " + name);
            }
            positions.add(def.position(col.id()));
        }
        return new OnConflict(OnConflict.Action.UPDATE, compile(insert, c, def, positions, schema, config));
    }

    private static ConflictUpdate compile(SqlInsert insert, SqlInsertOnConflict c, TableDef def,
                                          List<Integer> positions, PlanningSchema schema, SqlValidator.Config config) {
        SqlParserPos pos = c.getParserPosition();
        SqlNodeList outputs = new SqlNodeList(pos);
        SqlShuttle qualify = new StoredRowColumns(def.name());
        for (SqlNode value : c.updateValues()) outputs.add(value.accept(qualify));
        if (c.condition() != null) outputs.add(c.condition().accept(qualify));
        SqlIdentifier table = (SqlIdentifier) insert.getTargetTable();
        SqlNode from = new SqlJoin(pos, as(table, def.name(), pos), SqlLiteral.createBoolean(false, pos),
                JoinType.COMMA.symbol(pos), as(table, "excluded", pos), JoinConditionType.NONE.symbol(pos), null);
        SqlSelect select = new SqlSelect(pos, null, outputs, from, null, null, null, null, null, null, null, null,
                null);

        SqlValidator validator = SqlValidatorUtil.newValidator(Operators.INSTANCE, schema.reader(),
                schema.typeFactory(), config);
        SqlNode validated = validator.validate(CaseLiterals.rewrite(select));
        DateMinus.narrow(validated, validator);
        RelOptCluster cluster = RelOptCluster.create(new VolcanoPlanner(), new RexBuilder(schema.typeFactory()));
        SqlToRelConverter converter = new SqlToRelConverter(null, validator, schema.reader(), cluster,
                Convertlets.TABLE, SqlToRelConverter.config().withExpand(false));
        // As in statements: exact arithmetic that overflows fails (22003) instead of wrapping around.
        RelNode rel = new ConvertToChecked(cluster.getRexBuilder(), ShardConformance.INSTANCE.checkedArithmetic())
                .visit(converter.convertQuery(validated, false, true).rel);
        int n = def.columns().size();
        if (!(rel instanceof Project project) || !(project.getInput() instanceof Join join)
                || join.getRowType().getFieldCount() != 2 * n) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "ON CONFLICT DO UPDATE: sub-queries in SET or WHERE are not supported");
        }
        RexBuilder rex = cluster.getRexBuilder();
        List<RexNode> exprs = new ArrayList<>(project.getProjects());
        for (int j = 0; j < positions.size(); j++) {
            exprs.set(j, toColumn(rex, exprs.get(j), def.columns().get(positions.get(j)).type(), schema));
        }
        RelDataType input = join.getRowType();
        List<RelDataType> parameters = validator.getParameterRowType(validated).getFieldList().stream()
                .map(RelDataTypeField::getType).toList();
        return new ConflictUpdate(positions, c.condition() != null,
                RexExecutorImpl.getExecutable(rex, exprs, input).getFunction(), parameters);
    }

    /** {@code e} cast to the column's type; a string for a CHAR(n) column is left to the writer's check (no cut). */
    private static RexNode toColumn(RexBuilder rex, RexNode e, SqlType column, PlanningSchema schema) {
        RelDataType type = ShardTypes.relType(schema.typeFactory(), column, true);
        if (type.getSqlTypeName() == SqlTypeName.CHAR && SqlTypeUtil.isCharacter(e.getType())) return e;
        if (SqlTypeUtil.equalSansNullability(schema.typeFactory(), e.getType(), type)) return e;
        return rex.makeCast(type, e, true, false);
    }

    /** Unqualified column names are the stored row's, as in PostgreSQL ({@code SET n = n + 1}). */
    private static final class StoredRowColumns extends SqlShuttle {
        private final String alias;

        StoredRowColumns(String alias) { this.alias = alias; }

        @Override
        public SqlNode visit(SqlCall call) {
            if (call.getKind().belongsTo(SqlKind.QUERY)) {
                throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                        "ON CONFLICT DO UPDATE: sub-queries in SET or WHERE are not supported");
            }
            return super.visit(call);
        }

        @Override
        public SqlNode visit(SqlIdentifier id) {
            if (id.names.size() != 1 || id.isStar()) return id;
            return new SqlIdentifier(List.of(alias, id.getSimple()), id.getParserPosition());
        }
    }

    private static SqlNode as(SqlIdentifier table, String alias, SqlParserPos pos) {
        // A node of its own for each side: the validator keeps its scopes by node.
        return SqlStdOperatorTable.AS.createCall(pos, table.clone(pos), new SqlIdentifier(alias, pos));
    }

    private static TableDef table(SqlInsert insert, CalciteSchema schema) {
        String name = ((SqlIdentifier) insert.getTargetTable()).names
                .get(((SqlIdentifier) insert.getTargetTable()).names.size() - 1);
        CalciteSchema.TableEntry entry = schema.getTable(name, true);
        if (entry == null) throw new ShardSqlException(ErrorCode.UNDEFINED_TABLE, "relation \"" + name
                + "\" does not exist");
        return ((ShardTable) entry.getTable()).def();
    }
}
