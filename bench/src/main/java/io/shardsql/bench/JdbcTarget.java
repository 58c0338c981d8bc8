package io.shardsql.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** H2 or PostgreSQL through JDBC: a connection per client thread, autocommit, statements prepared once. */
final class JdbcTarget implements SqlTarget {
    private final String name;
    private final String url;
    private final List<Connection> connections = new ArrayList<>();
    private final List<Map<String, PreparedStatement>> prepared = new ArrayList<>();

    JdbcTarget(String name, String url, int clients) throws Exception {
        this.name = name;
        this.url = url;
        for (int i = 0; i < clients; i++) {
            connections.add(DriverManager.getConnection(url));
            prepared.add(new HashMap<>());
        }
    }

    @Override
    public String name() { return name; }

    @Override
    public void execute(String sql) throws Exception {
        try (Statement s = connections.get(0).createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public long run(int thread, String sql, List<Object> params) throws Exception {
        PreparedStatement ps = prepared.get(thread).get(sql);
        if (ps == null) {
            ps = connections.get(thread).prepareStatement(sql);
            prepared.get(thread).put(sql, ps);
        }
        for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
        if (!ps.execute()) return ps.getUpdateCount();
        long rows = 0;
        try (ResultSet rs = ps.getResultSet()) {
            while (rs.next()) rows++;
        }
        return rows;
    }

    @Override
    public void close() throws Exception {
        for (Connection c : connections) c.close();
    }

    @Override
    public String toString() { return name + " (" + url + ")"; }
}
