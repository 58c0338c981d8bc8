package io.shardsql.hibernate;

import jakarta.persistence.Timeout;
import org.hibernate.Timeouts;
import org.hibernate.dialect.RowLockStrategy;
import org.hibernate.dialect.lock.PessimisticLockStyle;
import org.hibernate.dialect.lock.spi.ConnectionLockTimeoutStrategy;
import org.hibernate.dialect.lock.spi.LockTimeoutType;
import org.hibernate.dialect.lock.spi.LockingSupport;
import org.hibernate.dialect.lock.spi.OuterJoinLockingType;

/**
 * How Hibernate may lock rows on ShardSQL: a locking clause ({@code FOR NO KEY UPDATE}, {@code FOR SHARE},
 * with {@code OF table}, {@code NOWAIT} and {@code SKIP LOCKED}); no lock timeout of its own — a row lock is
 * waited for up to the server's {@code txn.lock-wait-timeout}, then the statement fails with 55P03, which
 * Hibernate reports as a lock timeout — and no locking clause on a query with joins, because ShardSQL locks
 * the rows of one table per statement (docs/sql.md, "Row locks"): {@link ShardSqlAstTranslator} sends such a
 * query to Hibernate's follow-on locking (the query unlocked, then a one-table locking query per entity type).
 */
public final class ShardSqlLockingSupport implements LockingSupport, LockingSupport.Metadata {
    /** The one instance (the class has no state). */
    public static final ShardSqlLockingSupport INSTANCE = new ShardSqlLockingSupport();

    private ShardSqlLockingSupport() {
    }

    @Override
    public Metadata getMetadata() {
        return this;
    }

    @Override
    public PessimisticLockStyle getPessimisticLockStyle() {
        return PessimisticLockStyle.CLAUSE;
    }

    @Override
    public RowLockStrategy getWriteRowLockStrategy() {
        return RowLockStrategy.TABLE;
    }

    @Override
    public RowLockStrategy getReadRowLockStrategy() {
        return RowLockStrategy.TABLE;
    }

    @Override
    public LockTimeoutType getLockTimeoutType(Timeout timeout) {
        int millis = timeout.milliseconds();
        return millis == Timeouts.NO_WAIT_MILLI || millis == Timeouts.SKIP_LOCKED_MILLI
                ? LockTimeoutType.QUERY : LockTimeoutType.NONE;
    }

    @Override
    public OuterJoinLockingType getOuterJoinLockingType() {
        return OuterJoinLockingType.UNSUPPORTED;
    }

    @Override
    public boolean supportsWait() {
        return false;
    }

    @Override
    public ConnectionLockTimeoutStrategy getConnectionLockTimeoutStrategy() {
        return ConnectionLockTimeoutStrategy.NONE;
    }
}
