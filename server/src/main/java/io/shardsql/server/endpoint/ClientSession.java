package io.shardsql.server.endpoint;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.protocol.message.BatchResult;
import io.shardsql.protocol.message.ClientMessage;
import io.shardsql.protocol.message.CloseCursor;
import io.shardsql.protocol.message.CloseStatement;
import io.shardsql.protocol.message.Commit;
import io.shardsql.protocol.message.Done;
import io.shardsql.protocol.message.Execute;
import io.shardsql.protocol.message.ExecuteBatch;
import io.shardsql.protocol.message.Fetch;
import io.shardsql.protocol.message.Ok;
import io.shardsql.protocol.message.Ping;
import io.shardsql.protocol.message.Pong;
import io.shardsql.protocol.message.Prepare;
import io.shardsql.protocol.message.Prepared;
import io.shardsql.protocol.message.ResultHeader;
import io.shardsql.protocol.message.Rollback;
import io.shardsql.protocol.message.ServerMessage;
import io.shardsql.protocol.message.SetAutoCommit;
import io.shardsql.protocol.message.SetIsolation;
import io.shardsql.txn.TxnIsolation;
import io.shardsql.protocol.message.SetReadOnly;
import io.shardsql.protocol.message.StatementRef;
import io.shardsql.protocol.message.UpdateCount;
import io.shardsql.protocol.value.Value;
import io.shardsql.sql.exec.BatchException;
import io.shardsql.sql.exec.Session;
import io.shardsql.sql.exec.StatementResult;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An authenticated connection's session: runs its requests against the SQL engine, one at a time
 * (the connection's {@link SerialExecutor} sees to that), and keeps its prepared statements and open
 * cursors. Answers go to the {@code reply} consumer given with each request; a failure of a statement
 * is an {@code ErrorReply} and the session goes on.
 *
 * <p>Thread-safety: {@link #handle} and {@link #close} run on the connection's serial executor;
 * {@link #cancelIfRunning} may come from any thread.
 */
final class ClientSession implements AutoCloseable {
    /** The default isolation (snapshot isolation, reported as JDBC's REPEATABLE READ). */
    static final int ISOLATION = Connection.TRANSACTION_REPEATABLE_READ;
    /**
     * The levels that run as themselves: REPEATABLE READ (snapshot isolation) and SERIALIZABLE; the driver maps
     * READ COMMITTED and READ UNCOMMITTED to REPEATABLE READ (stronger than asked, as the protocol allows).
     */
    static final int SUPPORTED_ISOLATIONS =
            Connection.TRANSACTION_REPEATABLE_READ | Connection.TRANSACTION_SERIALIZABLE;

    private final long id;
    private final long secret;
    private final String user;
    private final Session session;
    private final EndpointSettings settings;
    private final ScheduledExecutorService timer;
    private final Map<Long, io.shardsql.sql.exec.Prepared> statements = new HashMap<>();
    private final Map<Long, OpenCursor> cursors = new HashMap<>();
    private long nextStatementId = 1;
    private long nextCursorId = 1;
    private volatile int running; // the request being handled, 0 between requests
    private static final int AUTOCOMMIT_ATTEMPTS = 10;

    ClientSession(long id, long secret, String user, Session session, EndpointSettings settings,
            ScheduledExecutorService timer) {
        this.id = id;
        this.secret = secret;
        this.user = user;
        this.session = session;
        this.settings = settings;
        this.timer = timer;
    }

    long id() { return id; }

    long secret() { return secret; }

    String user() { return user; }

    /** Names the session in the transactions it runs ({@code sys.transactions}, {@code sys.gc_horizon}). */
    void describeClient(Object clientAddress) {
        session.setHolder("session " + Long.toHexString(id) + " " + user + "@" + clientAddress);
    }

    /** Handles one request; every answer frame goes to {@code reply}, the last one final. */
    void handle(int requestId, ClientMessage message, Consumer<ServerMessage> reply) {
        running = requestId;
        try {
            reply.accept(dispatch(message, reply));
        } catch (ShardSqlException e) {
            reply.accept(Errors.reply(e));
        } catch (RuntimeException | LinkageError | AssertionError e) {
            reply.accept(Errors.internal(e, "session " + Long.toHexString(id)));
        } finally {
            running = 0;
        }
    }

    /** Runs the request; returns its final answer (earlier ones go to {@code reply} directly). */
    private ServerMessage dispatch(ClientMessage message, Consumer<ServerMessage> reply) {
        if (message instanceof Execute e) return execute(e, reply);
        if (message instanceof Fetch f) return fetch(f);
        if (message instanceof Prepare p) return prepare(p);
        if (message instanceof ExecuteBatch b) return executeBatch(b, reply);
        if (message instanceof CloseCursor c) {
            OpenCursor cursor = cursors.remove(c.cursorId());
            if (cursor != null) cursor.close();
            return new Ok();
        }
        if (message instanceof CloseStatement c) {
            statements.remove(c.statementId());
            return new Ok();
        }
        if (message instanceof Commit) {
            closeBlockCursors();
            session.commitTransaction();
            return new Ok();
        }
        if (message instanceof Rollback) {
            closeBlockCursors();
            session.rollbackTransaction();
            return new Ok();
        }
        if (message instanceof SetAutoCommit a) {
            if (a.autoCommit() && session.inTransactionBlock()) closeBlockCursors();
            session.setAutoCommit(a.autoCommit());
            return new Ok();
        }
        if (message instanceof SetReadOnly r) {
            session.setReadOnly(r.readOnly());
            return new Ok();
        }
        if (message instanceof SetIsolation s) {
            // weaker levels run at snapshot isolation: stronger than asked, as the protocol allows
            session.setIsolation(s.level() == Connection.TRANSACTION_SERIALIZABLE ? TxnIsolation.SERIALIZABLE
                    : TxnIsolation.SNAPSHOT);
            return new Ok();
        }
        if (message instanceof Ping) return new Pong();
        throw new ShardSqlException(ErrorCode.PROTOCOL_VIOLATION, message.getClass().getSimpleName()
                + " is not a session request");
    }

    private ServerMessage prepare(Prepare p) {
        if (statements.size() >= settings.maxStatements()) {
            throw new ShardSqlException(ErrorCode.PROGRAM_LIMIT_EXCEEDED,
                    "too many prepared statements (" + settings.maxStatements() + "): close some first");
        }
        io.shardsql.sql.exec.Prepared prepared = session.prepare(p.sql());
        long statementId = nextStatementId++;
        statements.put(statementId, prepared);
        return new Prepared(statementId, WireValues.parameterMetadata(prepared.parameters()),
                WireValues.columns(prepared.columns()));
    }

    private ServerMessage execute(Execute e, Consumer<ServerMessage> reply) {
        String sql = sqlOf(e.statement());
        if (cursors.size() >= settings.maxCursors()) {
            throw new ShardSqlException(ErrorCode.PROGRAM_LIMIT_EXCEEDED,
                    "too many open cursors (" + settings.maxCursors() + "): close result sets first");
        }
        ScheduledFuture<?> timeout = scheduleTimeout(e.timeoutMillis());
        try {
            StatementResult result = session.execute(sql, WireValues.values(e.parameters()));
            if (result instanceof StatementResult.UpdateCount c) return new UpdateCount(c.count());
            if (result instanceof StatementResult.Done) return new Done();
            if (!(result instanceof StatementResult.Rows rows)) {
                throw new IllegalStateException("unknown statement result " + result.getClass().getName());
            }
            int fetchSize = e.fetchSize() > 0 ? e.fetchSize() : settings.defaultFetchSize();
            OpenCursor cursor = new OpenCursor(nextCursorId++, rows.columns(), rows.cursor(), fetchSize, e.maxRows(),
                    settings.maxBatchBytes(), session.inTransactionBlock());
            reply.accept(new ResultHeader(cursor.id(), WireValues.columns(rows.columns())));
            cursors.put(cursor.id(), cursor);
            return batch(cursor, 0);
        } finally {
            if (timeout != null) timeout.cancel(false);
        }
    }

    private ServerMessage fetch(Fetch f) {
        OpenCursor cursor = cursors.get(f.cursorId());
        if (cursor == null) {
            throw new ShardSqlException(ErrorCode.INVALID_CURSOR, "cursor " + f.cursorId() + " is not open");
        }
        return batch(cursor, f.maxRows());
    }

    private ServerMessage batch(OpenCursor cursor, int max) {
        try {
            var batch = cursor.nextBatch(max);
            if (cursor.isClosed()) cursors.remove(cursor.id());
            return batch;
        } catch (RuntimeException e) {
            cursors.remove(cursor.id());
            cursor.close();
            throw e;
        }
    }

    /**
     * Runs the statement once per parameter set ({@link Session#executeBatch}). In autocommit mode the
     * whole batch is one transaction (all sets or none; retried as a whole on a conflict, like a single
     * autocommit statement), and a failure answers {@code BatchResult([])} before its error; inside a
     * transaction the sets join it, and a failure at set k reports the k counts before it.
     */
    private ServerMessage executeBatch(ExecuteBatch b, Consumer<ServerMessage> reply) {
        String sql = sqlOf(b.statement());
        List<List<Object>> sets = new ArrayList<>(b.parameterSets().size());
        for (List<Value> set : b.parameterSets()) sets.add(WireValues.values(set));
        ScheduledFuture<?> timeout = scheduleTimeout(b.timeoutMillis());
        try {
            if (!session.autoCommit() || session.inTransactionBlock()) {
                try {
                    return batchResult(session.executeBatch(sql, sets));
                } catch (BatchException e) {
                    reply.accept(batchResult(e.counts()));
                    throw e.error();
                }
            }
            ShardSqlException last = null;
            for (int attempt = 0; attempt < AUTOCOMMIT_ATTEMPTS; attempt++) {
                try {
                    long[] counts = session.executeBatchInOwnTransaction(sql, sets);
                    return batchResult(counts);
                } catch (BatchException | ShardSqlException e) {
                    if (session.inTransactionBlock()) session.rollbackTransaction();
                    last = e instanceof BatchException be ? be.error() : (ShardSqlException) e;
                    if (!last.retryable()) break;
                }
            }
            reply.accept(new BatchResult(List.of())); // nothing of the batch was applied
            throw last;
        } finally {
            if (timeout != null) timeout.cancel(false);
        }
    }

    private static BatchResult batchResult(long[] counts) {
        List<Long> out = new ArrayList<>(counts.length);
        for (long c : counts) out.add(c);
        return new BatchResult(out);
    }

    private String sqlOf(StatementRef ref) {
        if (ref instanceof StatementRef.Sql s) return s.sql();
        if (!(ref instanceof StatementRef.ById byId)) {
            throw new IllegalStateException("unknown statement reference " + ref.getClass().getName());
        }
        long statementId = byId.statementId();
        io.shardsql.sql.exec.Prepared p = statements.get(statementId);
        if (p == null) {
            throw new ShardSqlException(ErrorCode.INVALID_SQL_STATEMENT_NAME, "prepared statement " + statementId
                    + " does not exist");
        }
        return p.sql();
    }

    private ScheduledFuture<?> scheduleTimeout(int millis) {
        if (millis <= 0) return null;
        return timer.schedule(session::cancel, millis, TimeUnit.MILLISECONDS);
    }

    /** COMMIT and ROLLBACK end the cursors of the transaction block (JDBC's CLOSE_CURSORS_AT_COMMIT). */
    private void closeBlockCursors() {
        for (Iterator<OpenCursor> it = cursors.values().iterator(); it.hasNext(); ) {
            OpenCursor c = it.next();
            if (c.inBlock()) {
                it.remove();
                c.close();
            }
        }
    }

    boolean cancelIfRunning(long secret, int requestId) {
        if (secret != this.secret || requestId == 0 || running != requestId) return false;
        session.cancel();
        return true;
    }

    /** Cancels the request running now, if any (its connection is gone). */
    void cancelRunning() {
        if (running != 0) session.cancel();
    }

    /**
     * Whether the session holds a transaction open between requests: a transaction block, or an open
     * cursor (whose transaction lives until the cursor is closed). Either holds garbage collection back.
     */
    boolean holdsTransaction() {
        return session.inTransactionBlock() || !cursors.isEmpty();
    }

    /** How long the session may hold a transaction idle: its own SET, else the server's setting. */
    java.time.Duration idleInTransactionTimeout() {
        return session.idleInTransactionTimeout().orElse(settings.idleInTransactionTimeout());
    }

    /** Whether a request is being handled now (an idle timeout does not end a session that is working). */
    boolean busy() {
        return running != 0;
    }

    /** Closes the cursors and rolls back an open transaction. */
    @Override
    public void close() {
        for (OpenCursor c : cursors.values()) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // ending a cursor of a session that is going away: nothing to tell anyone
            }
        }
        cursors.clear();
        statements.clear();
        session.close();
    }
}
