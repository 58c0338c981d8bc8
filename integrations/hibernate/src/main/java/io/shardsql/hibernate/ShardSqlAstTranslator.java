package io.shardsql.hibernate;

import org.hibernate.Locking;
import org.hibernate.dialect.sql.ast.PostgreSQLSqlAstTranslator;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.IllegalQueryOperationException;
import org.hibernate.sql.ast.tree.Statement;
import org.hibernate.sql.ast.tree.from.FromClause;
import org.hibernate.sql.ast.tree.select.QuerySpec;
import org.hibernate.sql.exec.spi.JdbcOperation;

/**
 * PostgreSQL's SQL, except that a locking query whose FROM has more than one table (a join, several roots, a
 * secondary or joined-inheritance table) is run without a locking clause and its entities are then locked
 * one table at a time (Hibernate's follow-on locking): ShardSQL refuses {@code FOR UPDATE} on a join (0A000;
 * docs/sql.md, "Row locks"). {@code Locking.FollowOn.DISALLOW} makes such a query an error instead, and
 * {@code IGNORE} runs it without locks, as Hibernate does for its other follow-on cases.
 *
 * @param <T> the kind of JDBC operation translated to
 */
public class ShardSqlAstTranslator<T extends JdbcOperation> extends PostgreSQLSqlAstTranslator<T> {

    /**
     * A translator of one statement.
     *
     * @param factory the session factory
     * @param statement the statement to translate
     */
    public ShardSqlAstTranslator(SessionFactoryImplementor factory, Statement statement) {
        super(factory, statement);
    }

    @Override
    protected LockStrategy determineLockingStrategy(QuerySpec querySpec, Locking.FollowOn followOn) {
        LockStrategy strategy = super.determineLockingStrategy(querySpec, followOn);
        if (strategy != LockStrategy.CLAUSE || !readsSeveralTables(querySpec.getFromClause())) {
            return strategy;
        }
        return switch (followOn) {
            case DISALLOW -> throw new IllegalQueryOperationException(
                    "Locking a query with joins is not supported by ShardSQL (it locks one table per statement)");
            case IGNORE -> LockStrategy.NONE;
            default -> LockStrategy.FOLLOW_ON;
        };
    }

    private static boolean readsSeveralTables(FromClause from) {
        return from.getRoots().size() > 1 || from.hasJoins()
                || from.getRoots().stream().anyMatch(root -> !root.getTableReferenceJoins().isEmpty());
    }
}
