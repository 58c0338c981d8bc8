package io.shardsql.sql.exec;

import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.calcite.ShardTypes;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The rows of a query, produced as they are read (the shards are scanned page by page as the cursor
 * advances), each an {@code Object[]} of client values ({@link ShardTypes#toExternal}). Closing it, or
 * reading past the last row, ends the statement: an autocommit transaction is finished then.
 */
public final class RowCursor implements Iterator<Object[]>, AutoCloseable {
    private final Enumerator<?> rows;
    private final List<RelDataType> types;
    private final Runnable onEnd;
    private final Runnable onFailure;
    private Boolean ready;
    private boolean ended;

    RowCursor(Enumerator<?> rows, RelDataType rowType, Runnable onEnd, Runnable onFailure) {
        this.onFailure = onFailure;
        this.rows = rows;
        this.types = rowType.getFieldList().stream().map(RelDataTypeField::getType).toList();
        this.onEnd = onEnd;
    }

    @Override
    public boolean hasNext() {
        if (ended) return false;
        if (ready == null) {
            try {
                ready = rows.moveNext();
            } catch (RuntimeException | LinkageError | AssertionError e) {
                throw fail(e);
            }
            if (!ready) end();
        }
        return ready;
    }

    @Override
    public Object[] next() {
        if (!hasNext()) throw new NoSuchElementException();
        ready = null;
        try {
            Object current = rows.current(); // Calcite computes the row's expressions here
            // One-column plans may yield the bare value (SQL ARRAY columns, which would be ambiguous,
            // do not exist here).
            Object[] in = current instanceof Object[] a ? a : new Object[] {current};
            Object[] out = new Object[types.size()];
            for (int i = 0; i < out.length; i++) out[i] = ShardTypes.toExternal(types.get(i), in[i]);
            return out;
        } catch (RuntimeException | LinkageError | AssertionError e) {
            throw fail(e);
        }
    }

    /** A row could not be produced: the statement fails (and with it a transaction block), the cursor ends. */
    private RuntimeException fail(Throwable e) {
        ShardSqlException error = SqlErrors.translate(e);
        try {
            end();
        } finally {
            onFailure.run();
        }
        return error;
    }

    /** Reads the remaining rows into a list (for tests and small results). */
    public List<Object[]> toList() {
        List<Object[]> out = new java.util.ArrayList<>();
        while (hasNext()) out.add(next());
        return out;
    }

    private void end() {
        if (ended) return;
        ended = true;
        try {
            rows.close();
        } finally {
            onEnd.run();
        }
    }

    @Override
    public void close() {
        end();
    }
}
