package io.shardsql.sql.calcite;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeUtil;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The rows an INSERT writes, with the strings bound for CHAR(n) columns uncast. Calcite's converter
 * casts each VALUES row (and an INSERT ... SELECT's rows) to the column types, and the cast to CHAR(n)
 * cuts a too-long string silently; PostgreSQL refuses it (22001). Without the cast the string reaches
 * the writer as it is, and {@link io.shardsql.sql.rows.RowChecker} checks its length and pads it. (The
 * validator adds no such cast to begin with: {@link ShardTypeCoercion}.) An explicit
 * {@code CAST(x AS CHAR(n))} under another expression is not touched and still cuts, as in PostgreSQL.
 */
public final class InsertRows {
    private InsertRows() {}

    /** {@code logical} with its INSERT's strings for CHAR(n) columns uncast (other plans as they are). */
    public static RelNode typed(RelNode logical) {
        if (!(logical instanceof LogicalTableModify modify)
                || modify.getOperation() != TableModify.Operation.INSERT) return logical;
        List<RelDataTypeField> columns = modify.getTable().getRowType().getFieldList();
        BitSet charColumns = new BitSet();
        for (int i = 0; i < columns.size(); i++) {
            if (ShardTypeCoercion.isCharColumn(columns.get(i).getType())) charColumns.set(i);
        }
        RelNode input = uncast(modify.getInput(), charColumns);
        if (input == modify.getInput()) return logical;
        return LogicalTableModify.create(modify.getTable(), modify.getCatalogReader(), input, modify.getOperation(),
                null, null, modify.isFlattened());
    }

    private static RelNode uncast(RelNode rows, BitSet positions) {
        if (positions.isEmpty()) return rows;
        if (rows instanceof LogicalProject project) {
            List<RexNode> exprs = new ArrayList<>(project.getProjects());
            BitSet passedThrough = new BitSet();
            boolean changed = false;
            for (int i = positions.nextSetBit(0); i >= 0 && i < exprs.size(); i = positions.nextSetBit(i + 1)) {
                RexNode e = exprs.get(i);
                if (e.getKind() == SqlKind.CAST
                        && SqlTypeUtil.isCharacter(((RexCall) e).getOperands().get(0).getType())) {
                    exprs.set(i, ((RexCall) e).getOperands().get(0));
                    changed = true;
                } else if (e instanceof RexInputRef ref && SqlTypeUtil.isCharacter(ref.getType())) {
                    passedThrough.set(ref.getIndex());
                }
            }
            passedThrough.andNot(usedOtherwise(exprs, positions));
            RelNode input = uncast(project.getInput(), passedThrough);
            if (input != project.getInput()) {
                for (int i = 0; i < exprs.size(); i++) {
                    if (exprs.get(i) instanceof RexInputRef ref && passedThrough.get(ref.getIndex())) {
                        exprs.set(i, RexInputRef.of(ref.getIndex(), input.getRowType()));
                        changed = true;
                    }
                }
            }
            return changed ? LogicalProject.create(input, project.getHints(), exprs,
                    project.getRowType().getFieldNames(), project.getVariablesSet()) : rows;
        }
        if (rows instanceof LogicalUnion union && union.all) {
            List<RelNode> inputs = union.getInputs().stream().map(in -> uncast(in, positions)).toList();
            return inputs.equals(union.getInputs()) ? rows : LogicalUnion.create(inputs, true);
        }
        return rows;
    }

    /** The input fields {@code exprs} use other than as a whole expression at one of {@code positions}. */
    private static BitSet usedOtherwise(List<RexNode> exprs, BitSet positions) {
        BitSet used = new BitSet();
        for (int i = 0; i < exprs.size(); i++) {
            RexNode e = exprs.get(i);
            if (e instanceof RexInputRef && positions.get(i)) continue;
            used.or(RelOptUtil.InputFinder.bits(e).toBitSet());
        }
        return used;
    }
}
