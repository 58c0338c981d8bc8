package io.shardsql.txn;

/** Whether a transaction may write. Read-only transactions take no locks and never block writers. */
public enum TxnMode { READ_WRITE, READ_ONLY }
