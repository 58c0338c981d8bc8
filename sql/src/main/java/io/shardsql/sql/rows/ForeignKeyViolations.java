package io.shardsql.sql.rows;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ForeignKeyDef;
import io.shardsql.sql.catalog.TableDef;

import java.util.List;

/** The 23503 errors of FOREIGN KEYs, worded as PostgreSQL's message and DETAIL. */
public final class ForeignKeyViolations {
    private ForeignKeyViolations() {}

    /** A child row whose values {@code values} name no parent row. */
    public static ShardSqlException missingParent(TableDef child, ForeignKeyDef fk, TableDef parent, Object[] values) {
        return new ShardSqlException(ErrorCode.FOREIGN_KEY_VIOLATION, "insert or update on table \"" + child.name()
                + "\" violates foreign key constraint \"" + fk.name() + "\": Key "
                + UniqueViolations.describe(child, fk.columnIds(), values) + " is not present in table \""
                + parent.name() + "\".");
    }

    /** A parent row deleted or changed while a child row still references {@code values}. */
    public static ShardSqlException stillReferenced(TableDef parent, ForeignKeyDef fk, TableDef child,
                                                    Object[] values) {
        return new ShardSqlException(ErrorCode.FOREIGN_KEY_VIOLATION, "update or delete on table \"" + parent.name()
                + "\" violates foreign key constraint \"" + fk.name() + "\" on table \"" + child.name() + "\": Key "
                + UniqueViolations.describe(parent, fk.parentColumnIds(), values) + " is still referenced from table \""
                + child.name() + "\".");
    }
}
