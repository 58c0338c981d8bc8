package io.shardsql.jdbc;

import io.shardsql.jdbc.meta.MetadataSource;
import io.shardsql.jdbc.net.Session;
import io.shardsql.protocol.message.ColumnMetadata;
import io.shardsql.protocol.value.Row;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;

/** A {@link ShardConnection} as {@code meta} sees it, so that package needs none of the JDBC objects. */
record ConnectionMetadata(ShardConnection shard) implements MetadataSource {
    @Override public Connection connection() { return shard; }
    @Override public String url() { return shard.url(); }
    @Override public String user() { return shard.user(); }
    @Override public Session session() { return shard.session(); }

    @Override
    public ResultSet rows(List<ColumnMetadata> columns, List<Row> rows) {
        return ShardResultSet.ofRows(null, columns, rows);
    }
}
