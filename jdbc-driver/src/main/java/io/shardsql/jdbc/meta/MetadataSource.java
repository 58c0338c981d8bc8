package io.shardsql.jdbc.meta;

import io.shardsql.jdbc.net.Session;
import io.shardsql.protocol.message.ColumnMetadata;
import io.shardsql.protocol.value.Row;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;

/**
 * What {@link ShardDatabaseMetaData} needs of the connection it describes. The JDBC objects of
 * {@code io.shardsql.jdbc} implement it, so this package never names them: the dependency between the two
 * packages runs one way only ({@code jdbc → meta}, for {@link TypeMapping} and this interface).
 */
public interface MetadataSource {
    /** The connection described: catalog queries run on it, and {@code getConnection()} returns it. */
    Connection connection();

    /** The URL the connection was opened with. */
    String url();

    /** The user the connection logged in as. */
    String user();

    /** The handshake's answer: the server's version and its transaction isolation levels. */
    Session session();

    /** A forward-only result set of rows the driver built (no statement behind it). */
    ResultSet rows(List<ColumnMetadata> columns, List<Row> rows);
}
