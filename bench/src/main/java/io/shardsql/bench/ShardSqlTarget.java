package io.shardsql.bench;

import io.shardsql.sql.exec.Prepared;
import io.shardsql.sql.exec.Session;
import io.shardsql.sql.exec.SqlEngine;
import io.shardsql.sql.exec.StatementResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** ShardSQL's engine on a node of the benchmark's cluster: a session per client thread, autocommit. */
final class ShardSqlTarget implements SqlTarget {
    private final List<Session> sessions = new ArrayList<>();
    private final List<Map<String, Prepared>> prepared = new ArrayList<>();

    ShardSqlTarget(SqlEngine engine, int clients) {
        for (int i = 0; i < clients; i++) {
            sessions.add(engine.openSession());
            prepared.add(new HashMap<>());
        }
    }

    @Override
    public String name() { return "ShardSQL"; }

    @Override
    public void execute(String sql) {
        sessions.get(0).execute(sql);
    }

    @Override
    public long run(int thread, String sql, List<Object> params) {
        Session s = sessions.get(thread);
        Prepared p = prepared.get(thread).computeIfAbsent(sql, s::prepare);
        StatementResult r = s.execute(p, params);
        if (r instanceof StatementResult.UpdateCount c) return c.count();
        if (r instanceof StatementResult.Rows rows) {
            long n = 0;
            try (var cursor = rows.cursor()) {
                while (cursor.hasNext()) {
                    cursor.next();
                    n++;
                }
            }
            return n;
        }
        return 0;
    }

    @Override
    public void close() {
        sessions.forEach(Session::close);
    }
}
