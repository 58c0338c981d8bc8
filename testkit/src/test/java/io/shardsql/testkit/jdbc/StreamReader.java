package io.shardsql.testkit.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Run in a child JVM with a small heap and only the driver jar beside it ({@link JdbcStreamingIT}):
 * reads a query's whole result with a fetch size and prints how many rows and bytes it saw, and its
 * own maximum heap.
 */
public final class StreamReader {
    private StreamReader() {}

    public static void main(String[] args) throws Exception {
        String url = args[0], user = args[1], password = args[2], sql = args[3];
        long rows = 0, bytes = 0;
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.setFetchSize(500);
            try (ResultSet rs = s.executeQuery(sql)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    rows++;
                    for (int i = 1; i <= columns; i++) {
                        String v = rs.getString(i);
                        if (v != null) bytes += v.length();
                    }
                }
            }
        }
        System.out.println("rows=" + rows + " bytes=" + bytes + " maxHeap=" + Runtime.getRuntime().maxMemory());
    }
}
