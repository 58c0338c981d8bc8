package io.shardsql.sql.calcite;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Pushes a projection of plain columns into the scan, so only the columns the query uses are decoded
 * and passed up. A projection that computes anything stays where it is.
 */
public final class ShardProjectRule extends RelRule<ShardRuleConfig> {
    public static final ShardProjectRule INSTANCE = (ShardProjectRule) ShardRuleConfig.of("ShardProjectRule",
            b -> b.operand(LogicalProject.class).oneInput(s -> s.operand(ShardTableScan.class).noInputs()),
            ShardProjectRule::new).toRule();

    private ShardProjectRule(ShardRuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalProject project = call.rel(0);
        ShardTableScan scan = call.rel(1);
        List<Integer> columns = new ArrayList<>();
        for (RexNode e : project.getProjects()) {
            if (!(e instanceof RexInputRef ref)) return;
            int column = scan.spec().columns().get(ref.getIndex());
            if (columns.contains(column)) return; // the same column twice: leave it to the project
            columns.add(column);
        }
        if (columns.equals(scan.spec().columns())) return;
        call.transformTo(scan.with(scan.spec().withColumns(columns)));
    }
}
