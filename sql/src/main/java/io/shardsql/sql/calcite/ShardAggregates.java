package io.shardsql.sql.calcite;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.rows.PartialAggregation;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.keys.KeyRanges;
import io.shardsql.storage.keys.KeyWriter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads the partial rows of a {@link ShardPartialAggregate}: the shards fold the table's rows page by page
 * ({@link io.shardsql.txn.Transaction#scanFolded}); when the transaction has written into the table, its
 * rows come here and are folded with the same code, in pages of {@value #LOCAL_PAGE}. Each partial comes
 * out in Calcite's representation of its output type.
 */
final class ShardAggregates {
    /** Rows folded at a time when the fold runs here. */
    static final int LOCAL_PAGE = 4096;

    private ShardAggregates() {}

    static Iterator<Object[]> partials(ShardDataContext ctx, AggregateSpec spec) {
        byte[] program = PartialAggregation.program(spec.table(), spec.groups(), spec.calls());
        PartialAggregation fold = PartialAggregation.compile(program);
        byte[] start = new KeyWriter(8).writeId(spec.table().id()).toByteArray();
        byte[] end = KeyRanges.prefixEnd(start);
        Iterator<KvEntry> partials = ctx.transaction().scanFolded(start, end, program)
                .orElseGet(() -> foldHere(ctx, fold, ctx.transaction().scan(start, end)));
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (ctx.cancelled()) throw new ShardSqlException(ErrorCode.QUERY_CANCELED,
                        "canceling statement due to user request");
                return partials.hasNext();
            }

            @Override
            public Object[] next() {
                return internal(spec, fold.decode(partials.next()));
            }
        };
    }

    private static Iterator<KvEntry> foldHere(ShardDataContext ctx, PartialAggregation fold, Iterator<KvEntry> rows) {
        return new Iterator<>() {
            Iterator<KvEntry> page = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && rows.hasNext()) {
                    if (ctx.cancelled()) throw new ShardSqlException(ErrorCode.QUERY_CANCELED,
                            "canceling statement due to user request");
                    List<KvEntry> chunk = new ArrayList<>(LOCAL_PAGE);
                    while (chunk.size() < LOCAL_PAGE && rows.hasNext()) chunk.add(rows.next());
                    page = fold.finishPage(chunk).iterator();
                }
                return page.hasNext();
            }

            @Override
            public KvEntry next() {
                if (!hasNext()) throw new NoSuchElementException();
                return page.next();
            }
        };
    }

    /** Catalog values as Calcite holds them, each of its output type; a SUM0 with no value is 0. */
    private static Object[] internal(AggregateSpec spec, Object[] values) {
        int g = spec.groups().size();
        for (int i = 0; i < values.length; i++) {
            SqlType type = spec.outputs().get(i);
            Object v = values[i];
            if (v == null && i >= g && spec.zeroIfNull().get(i - g)) {
                v = type.kind() == SqlType.Kind.DECIMAL ? BigDecimal.ZERO : Long.valueOf(0);
            }
            values[i] = ShardTypes.toInternal(type, inRange(type, v));
        }
        return values;
    }

    private static Object inRange(SqlType type, Object v) {
        if (!(v instanceof Long l)) return v;
        boolean fits = switch (type.kind()) {
            case SMALLINT -> l == (short) (long) l;
            case INTEGER -> l == (int) (long) l;
            default -> true;
        };
        if (!fits) throw new ShardSqlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE,
                (type.kind() == SqlType.Kind.SMALLINT ? "smallint" : "integer") + " out of range");
        return v;
    }
}
