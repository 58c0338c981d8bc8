package io.shardsql.txn;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a transaction is in its life, with the transitions allowed between states.
 *
 * <pre>
 *  ACTIVE ──commit──► PREPARING ──► DECIDING ──► COMMITTED
 *    │                   │             ├───────► ABORTED
 *    │                   └──► ABORTED  └───────► UNKNOWN   (the decision could not be learned)
 *    ├──commit, nothing written──► COMMITTED
 *    └──rollback / failed read──► ABORTED
 * </pre>
 */
public enum TxnState {
    ACTIVE, PREPARING, DECIDING, COMMITTED, ABORTED, UNKNOWN;

    private Set<TxnState> next;

    static {
        ACTIVE.next = EnumSet.of(PREPARING, COMMITTED, ABORTED);
        PREPARING.next = EnumSet.of(DECIDING, ABORTED, UNKNOWN);
        DECIDING.next = EnumSet.of(COMMITTED, ABORTED, UNKNOWN);
        COMMITTED.next = EnumSet.noneOf(TxnState.class);
        ABORTED.next = EnumSet.noneOf(TxnState.class);
        UNKNOWN.next = EnumSet.noneOf(TxnState.class);
    }

    public boolean canMoveTo(TxnState target) { return next.contains(target); }

    public boolean isFinal() { return next.isEmpty(); }
}
