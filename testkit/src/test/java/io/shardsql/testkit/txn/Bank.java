package io.shardsql.testkit.txn;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.raft.client.ShardClient;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;
import io.shardsql.txn.TxnState;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bank workload at the API level: {@code accounts} accounts ({@code acct/0042} = balance, 8 bytes)
 * spread over every shard, transfers that read both balances and write both plus a transfer record
 * ({@code xfer/<id>} = "from,to,amount") in one transaction, and read-only audits that sum every
 * balance. The bank keeps its own log of every transfer's outcome as the API reported it, so
 * {@link #verify} can check afterwards that the database agrees:
 *
 * <ul>
 *   <li>{@link Outcome#ACKED}: commit returned — the record must be there;</li>
 *   <li>{@link Outcome#FAILED}: every attempt ended {@link TxnState#ABORTED} — the record must not be there;</li>
 *   <li>{@link Outcome#SKIPPED}: the payer had too little; nothing was written — not there;</li>
 *   <li>{@link Outcome#UNKNOWN}: the last attempt ended in any other state (the API could not tell) —
 *       either way, but the balances must match whichever happened.</li>
 * </ul>
 *
 * Thread-safe: many threads may transfer and audit at once.
 */
final class Bank {
    static final String ACCOUNT_PREFIX = "acct/";
    static final String XFER_PREFIX = "xfer/";

    enum Outcome { PENDING, ACKED, SKIPPED, FAILED, UNKNOWN }

    /** One attempt of a transfer: its transaction and the state it ended in. */
    record Attempt(long startTs, TxnState state) {
        @Override
        public String toString() { return startTs + ":" + state; }
    }

    /**
     * One transfer as the bank logged it; {@code commitTs} is what {@link Transaction#commit()} returned
     * for an {@link Outcome#ACKED} transfer, 0 otherwise.
     */
    record Transfer(long id, int from, int to, long amount, Outcome outcome, List<Attempt> attempts, String error,
                    long startedNanos, long finishedNanos, long commitTs) {
        @Override
        public String toString() {
            return "xfer " + id + " " + from + "->" + to + " amount " + amount + ": " + outcome
                    + (commitTs == 0 ? "" : " at " + commitTs) + " attempts " + attempts
                    + (error == null ? "" : " error " + error);
        }
    }

    /** What one audit saw. */
    record Audit(long readTs, long total, int accounts, int transfers, List<String> problems) {}

    /** The counts of a successful {@link #verify}. */
    record Summary(int acked, int skipped, int failed, int unknown, int unknownPresent, long total) {}

    private final TransactionManager txns;
    private final ClusterClient cluster;
    private final int accounts;
    private final long initialBalance;
    private final int maxAttempts;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentSkipListMap<Long, Transfer> log = new ConcurrentSkipListMap<>();
    /** Every transfer id some audit saw committed. */
    private final Set<Long> seenByAudits = ConcurrentHashMap.newKeySet();
    private final List<String> auditViolations = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong audits = new AtomicLong();
    private final AtomicLong auditFailures = new AtomicLong();
    /** Start timestamps of transactions that were committing when a fault struck, and the fault. */
    private final Map<Long, String> struck = new ConcurrentHashMap<>();

    Bank(TransactionManager txns, ClusterClient cluster, int accounts, long initialBalance, int maxAttempts) {
        this.txns = txns;
        this.cluster = cluster;
        this.accounts = accounts;
        this.initialBalance = initialBalance;
        this.maxAttempts = maxAttempts;
    }

    static byte[] accountKey(int account) { return utf8(String.format("%s%04d", ACCOUNT_PREFIX, account)); }

    static byte[] xferKey(long id) { return utf8(String.format("%s%08d", XFER_PREFIX, id)); }

    int accounts() { return accounts; }

    long initialTotal() { return accounts * initialBalance; }

    long nextId() { return ids.incrementAndGet(); }

    /** Creates every account in one transaction and checks that each shard holds some. */
    void setUp() {
        int[] perShard = new int[cluster.shardCount()];
        for (int a = 0; a < accounts; a++) perShard[cluster.shardOf(accountKey(a))]++;
        for (int s = 0; s < perShard.length; s++) {
            assertThat(perShard[s]).as("accounts on shard " + s + " of " + java.util.Arrays.toString(perShard)).isPositive();
        }
        txns.run(TxnMode.READ_WRITE, 10, tx -> {
            for (int a = 0; a < accounts; a++) tx.put(accountKey(a), longBytes(initialBalance));
            return null;
        });
        Audit first = audit();
        assertThat(first.accounts()).isEqualTo(accounts);
        assertThat(first.total()).isEqualTo(initialTotal());
    }

    // ---- transfers -----------------------------------------------------------------------------

    /** A transfer with a fresh id. */
    Outcome transfer(int from, int to, long amount) {
        return transfer(from, to, amount, nextId());
    }

    /**
     * Moves {@code amount} from {@code from} to {@code to} and writes the record {@code xfer/<id>}, in
     * one transaction, retried (new snapshot) on retryable errors — but never after an attempt whose
     * outcome is not a certain abort, which could otherwise apply the transfer twice. Logs and returns
     * what the API said.
     */
    Outcome transfer(int from, int to, long amount, long id) {
        if (from == to) throw new IllegalArgumentException("from == to");
        long started = System.nanoTime();
        log.put(id, new Transfer(id, from, to, amount, Outcome.PENDING, List.of(), null, started, 0, 0));
        List<Transaction> begun = new ArrayList<>();
        long[] committedAt = {0};
        Outcome outcome;
        String error = null;
        try {
            boolean applied = runRecordingCommit(committedAt, tx -> {
                Transaction previous = begun.isEmpty() ? null : begun.get(begun.size() - 1);
                begun.add(tx);
                if (previous != null && previous.state() != TxnState.ABORTED) {
                    // The previous attempt failed with a retryable error but is not known to be aborted.
                    throw new ShardSqlException(ErrorCode.TXN_OUTCOME_UNKNOWN, "attempt " + previous.startTs()
                            + " ended " + previous.state() + " with a retryable error; not retrying");
                }
                long payer = balance(tx.get(accountKey(from)), from);
                long payee = balance(tx.get(accountKey(to)), to);
                if (payer < amount) return false;
                tx.put(accountKey(from), longBytes(payer - amount));
                tx.put(accountKey(to), longBytes(payee + amount));
                tx.put(xferKey(id), utf8(from + "," + to + "," + amount));
                return true;
            });
            outcome = applied ? Outcome.ACKED : Outcome.SKIPPED;
        } catch (ShardSqlException e) {
            error = e.code() + ": " + e.getMessage();
            outcome = begun.stream().allMatch(t -> t.state() == TxnState.ABORTED) ? Outcome.FAILED : Outcome.UNKNOWN;
        } catch (RuntimeException e) {
            // The API promises ShardSqlExceptions only; anything else is a finding of its own.
            unexpected.add(e);
            error = e.toString();
            outcome = Outcome.UNKNOWN;
        }
        List<Attempt> attempts = begun.stream().map(t -> new Attempt(t.startTs(), t.state())).toList();
        long commitTs = outcome == Outcome.ACKED ? committedAt[0] : 0;
        log.put(id, new Transfer(id, from, to, amount, outcome, attempts, error, started, System.nanoTime(), commitTs));
        return outcome;
    }

    /**
     * {@link TransactionManager#run} (read-write, {@code maxAttempts}), keeping the commit timestamp that
     * the last attempt's {@link Transaction#commit()} returned in {@code committedAt[0]}.
     */
    private <T> T runRecordingCommit(long[] committedAt, java.util.function.Function<Transaction, T> body) {
        ShardSqlException last = null;
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            try (Transaction tx = txns.begin(TxnMode.READ_WRITE)) {
                T result = body.apply(tx);
                committedAt[0] = tx.commit();
                return result;
            } catch (ShardSqlException e) {
                if (!e.retryable()) throw e;
                last = e;
            }
        }
        throw last;
    }

    // ---- audits --------------------------------------------------------------------------------

    /**
     * One read-only transaction over every account and every transfer record. Within its snapshot the
     * total must be the initial total and each balance must equal the initial balance plus the net of
     * the transfer records visible in the same snapshot (so a transfer is visible whole or not at all).
     * A violation is recorded (see {@link #auditViolations}); errors of the read itself are thrown.
     */
    Audit audit() {
        Audit a = txns.run(TxnMode.READ_ONLY, 3, this::read);
        audits.incrementAndGet();
        if (!a.problems().isEmpty()) {
            auditViolations.add("audit at " + a.readTs() + ": " + a.problems());
        }
        return a;
    }

    /**
     * An audit by point reads: one read-only transaction reads every account with {@code get}, one
     * after the other (a slower audit than the scan, so more of them meet a commit, a lock or a
     * garbage collection half-way); the sum must be the initial total.
     */
    Audit auditByGets() {
        Audit a = txns.run(TxnMode.READ_ONLY, 3, tx -> {
            long total = 0;
            int found = 0;
            for (int i = 0; i < accounts; i++) {
                java.util.Optional<byte[]> v = tx.get(accountKey(i));
                if (v.isPresent()) {
                    found++;
                    total += ByteBuffer.wrap(v.get()).getLong();
                }
            }
            List<String> problems = new ArrayList<>();
            if (found != accounts) problems.add(found + " accounts instead of " + accounts + " (point reads)");
            if (total != initialTotal()) problems.add("total " + total + " instead of " + initialTotal() + " (point reads)");
            return new Audit(tx.startTs(), total, found, -1, problems);
        });
        audits.incrementAndGet();
        if (!a.problems().isEmpty()) auditViolations.add("audit at " + a.readTs() + ": " + a.problems());
        return a;
    }

    /** Like {@link #audit} (by scan, or by point reads), counting a failed read instead of throwing it. */
    void auditQuietly(boolean byGets) {
        try {
            if (byGets) auditByGets();
            else audit();
        } catch (ShardSqlException e) {
            auditFailures.incrementAndGet();
        } catch (RuntimeException e) {
            unexpected.add(e);
        }
    }

    private Audit read(Transaction tx) {
        Snapshot s = Snapshot.read(tx);
        List<String> problems = new ArrayList<>();
        long total = s.balances.values().stream().mapToLong(Long::longValue).sum();
        if (s.balances.size() != accounts) problems.add(s.balances.size() + " accounts instead of " + accounts);
        if (total != initialTotal()) problems.add("total " + total + " instead of " + initialTotal());
        problems.addAll(s.mismatches(accounts, initialBalance));
        for (Map.Entry<Long, long[]> x : s.transfers.entrySet()) {
            Transfer logged = log.get(x.getKey());
            if (logged == null) {
                problems.add("xfer " + x.getKey() + " was never attempted");
            } else if (logged.from() != x.getValue()[0] || logged.to() != x.getValue()[1] || logged.amount() != x.getValue()[2]) {
                problems.add("xfer " + x.getKey() + " holds " + java.util.Arrays.toString(x.getValue()) + " but was " + logged);
            }
            seenByAudits.add(x.getKey());
        }
        return new Audit(tx.startTs(), total, s.balances.size(), s.transfers.size(), problems);
    }

    /** Balances and transfer records as one transaction sees them. */
    private record Snapshot(TreeMap<Integer, Long> balances, TreeMap<Long, long[]> transfers) {
        static Snapshot read(Transaction tx) {
            TreeMap<Integer, Long> balances = new TreeMap<>();
            for (Iterator<KvEntry> it = tx.scan(utf8(ACCOUNT_PREFIX), utf8("acct0")); it.hasNext(); ) {
                KvEntry e = it.next();
                int account = Integer.parseInt(str(e.key()).substring(ACCOUNT_PREFIX.length()));
                if (balances.put(account, ByteBuffer.wrap(e.value()).getLong()) != null) {
                    throw new AssertionError("account " + account + " appears twice in one scan");
                }
            }
            TreeMap<Long, long[]> transfers = new TreeMap<>();
            for (Iterator<KvEntry> it = tx.scan(utf8(XFER_PREFIX), utf8("xfer0")); it.hasNext(); ) {
                KvEntry e = it.next();
                long id = Long.parseLong(str(e.key()).substring(XFER_PREFIX.length()));
                long[] fta = java.util.Arrays.stream(str(e.value()).split(",")).mapToLong(Long::parseLong).toArray();
                if (transfers.put(id, fta) != null) throw new AssertionError("xfer " + id + " appears twice in one scan");
            }
            return new Snapshot(balances, transfers);
        }

        /** Accounts whose balance is not the initial one plus the net of the visible transfers. */
        List<String> mismatches(int accounts, long initial) {
            long[] expected = new long[accounts];
            java.util.Arrays.fill(expected, initial);
            for (long[] t : transfers.values()) {
                expected[(int) t[0]] -= t[2];
                expected[(int) t[1]] += t[2];
            }
            List<String> out = new ArrayList<>();
            for (Map.Entry<Integer, Long> b : balances.entrySet()) {
                int a = b.getKey();
                if (a < 0 || a >= accounts) {
                    out.add("unexpected account " + a);
                } else if (b.getValue() != expected[a]) {
                    out.add("account " + a + " holds " + b.getValue() + ", its visible transfers make " + expected[a]);
                }
                if (b.getValue() < 0) out.add("account " + a + " is negative: " + b.getValue());
            }
            return out;
        }
    }

    // ---- final checks --------------------------------------------------------------------------

    /**
     * The final checks, once no transfer is running: the total is unchanged; every acknowledged
     * transfer's record is there (with its amount), every failed or skipped one's is not; no record
     * appeared that was never attempted; each balance is the initial one plus the net of the records
     * present (which catches partial commits and double applies); no audit ever saw a transfer the
     * API reported as failed; and no audit saw a broken invariant.
     */
    Summary verify() {
        Snapshot s = txns.run(TxnMode.READ_ONLY, 10, Snapshot::read);
        List<String> problems = new ArrayList<>();
        long total = s.balances.values().stream().mapToLong(Long::longValue).sum();
        if (s.balances.size() != accounts) problems.add(s.balances.size() + " accounts instead of " + accounts);
        if (total != initialTotal()) problems.add("final total " + total + " instead of " + initialTotal());
        problems.addAll(s.mismatches(accounts, initialBalance));
        int acked = 0, skipped = 0, failed = 0, unknown = 0, unknownPresent = 0;
        for (Transfer t : log.values()) {
            long[] found = s.transfers.get(t.id());
            if (found != null && (found[0] != t.from() || found[1] != t.to() || found[2] != t.amount())) {
                problems.add("record of " + t + " holds " + java.util.Arrays.toString(found));
            }
            switch (t.outcome()) {
                case ACKED -> {
                    acked++;
                    if (found == null) problems.add("acknowledged but missing: " + t);
                }
                case SKIPPED -> {
                    skipped++;
                    if (found != null) problems.add("skipped but present: " + t);
                }
                case FAILED -> {
                    failed++;
                    if (found != null) problems.add("reported aborted but present: " + t);
                    if (seenByAudits.contains(t.id())) problems.add("reported aborted but an audit saw it: " + t);
                }
                case UNKNOWN -> {
                    unknown++;
                    if (found != null) unknownPresent++;
                }
                case PENDING -> problems.add("still running at verify: " + t);
            }
        }
        for (long id : s.transfers.keySet()) {
            if (!log.containsKey(id)) problems.add("xfer " + id + " present but never attempted");
        }
        synchronized (auditViolations) {
            problems.addAll(auditViolations);
        }
        assertThat(problems).as("bank problems; unknown transfers: %s", unknownTransfers()).isEmpty();
        return new Summary(acked, skipped, failed, unknown, unknownPresent, total);
    }

    /**
     * Waits until no shard holds a lock. Each poll reads everything (readers resolve the locks they
     * meet: decided ones the way they were decided, expired undecided ones by aborting them).
     */
    void awaitNoLocks(Duration timeout) {
        await("no locks left").atMost(timeout).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(ShardSqlException.class)
                .until(() -> {
                    txns.run(TxnMode.READ_ONLY, 1, Snapshot::read);
                    return locks().isEmpty();
                });
    }

    /** Every lock on every shard, as "shard-k key startTs". */
    List<String> locks() {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < cluster.shardCount(); s++) {
            ShardReply r = ShardClient.await(cluster.shard(s).query(new ShardQuery.ScanLocks(new byte[0], null, 10_000)));
            for (LockEntry e : ((ShardReply.Locks) r).locks()) out.add("shard-" + s + " " + str(e.key()) + " " + e.lock().startTs());
        }
        return out;
    }

    // ---- what the log says ---------------------------------------------------------------------

    List<Transfer> log() { return List.copyOf(log.values()); }

    long count(Outcome o) { return log.values().stream().filter(t -> t.outcome() == o).count(); }

    /** Transfers acknowledged after {@code nanos} ({@link System#nanoTime}). */
    long ackedAfter(long nanos) {
        return log.values().stream().filter(t -> t.outcome() == Outcome.ACKED && t.finishedNanos() - nanos > 0).count();
    }

    /** Remembers that the transaction begun at {@code startTs} was committing when {@code fault} struck. */
    void afterwards(long startTs, String fault) { struck.put(startTs, fault); }

    /** The transfers that were committing when a fault struck, as the log has them. */
    String struck() {
        StringBuilder sb = new StringBuilder();
        struck.forEach((ts, fault) -> sb.append("\n  ").append(fault).append(": ").append(log.values().stream()
                .filter(t -> t.attempts().stream().anyMatch(a -> a.startTs() == ts)).map(Transfer::toString)
                .findFirst().orElse("txn " + ts + " not in the log")));
        return sb.toString();
    }

    List<String> auditViolations() { return List.copyOf(auditViolations); }

    List<Throwable> unexpectedErrors() { return List.copyOf(unexpected); }

    long audits() { return audits.get(); }

    long auditFailures() { return auditFailures.get(); }

    String unknownTransfers() {
        return log.values().stream().filter(t -> t.outcome() == Outcome.UNKNOWN).map(Transfer::toString)
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    /** How many failed or unknown transfers ended with each error code. */
    Map<String, Long> errors() {
        return log.values().stream().filter(t -> t.error() != null)
                .collect(Collectors.groupingBy(t -> t.outcome() + " " + t.error().split(":", 2)[0], TreeMap::new, Collectors.counting()));
    }

    String describe() {
        double meanMillis = log.values().stream().filter(t -> t.outcome() == Outcome.ACKED)
                .mapToLong(t -> t.finishedNanos() - t.startedNanos()).average().orElse(0) / 1e6;
        return String.format("transfers %d: acked %d (mean %.0f ms), skipped %d, failed %d, unknown %d; audits %d (%d failed reads)",
                log.size(), count(Outcome.ACKED), meanMillis, count(Outcome.SKIPPED), count(Outcome.FAILED), count(Outcome.UNKNOWN),
                audits(), auditFailures());
    }

    // ---- encoding ------------------------------------------------------------------------------

    private static long balance(java.util.Optional<byte[]> value, int account) {
        byte[] b = value.orElseThrow(() -> new AssertionError("account " + account + " does not exist"));
        return ByteBuffer.wrap(b).getLong();
    }

    static byte[] longBytes(long v) { return ByteBuffer.allocate(Long.BYTES).putLong(v).array(); }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static String str(byte[] b) { return new String(b, StandardCharsets.UTF_8); }
}
