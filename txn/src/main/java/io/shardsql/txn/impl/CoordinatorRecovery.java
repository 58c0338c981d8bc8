package io.shardsql.txn.impl;

import io.shardsql.txn.log.TxnCommand;

import io.shardsql.txn.spi.Groups;
import io.shardsql.txn.spi.TxnClock;
import io.shardsql.txn.log.Decisions;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.txn.spi.GroupClient;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Finishes what drivers left: on the node that leads a coordinator group, decisions still in its log
 * after a grace period are pushed to their participants (locks resolved) and commit decisions are
 * then forgotten. A new coordinator leader thereby finishes every transaction its predecessor (or a
 * dead driver) decided. Abort decisions stay until garbage collection passes them: a late commit
 * attempt must keep finding them.
 *
 * <p>Each coordinator's decisions are read a page ({@value #PAGE}) at a time, in start-timestamp order,
 * at most {@value #PAGES_PER_PASS} pages a pass; the next pass goes on after the last name read and
 * starts over at the beginning once it reached the end (a cycle). So every decision is met within a
 * bounded number of passes however many aborts wait for garbage collection ahead of it. Aborts already
 * pushed are remembered so that they are not pushed every pass; the memory is bounded: at the end of a
 * cycle it keeps only the aborts that cycle still found in the log, and it holds at most
 * {@value #MAX_ABORTS_REMEMBERED} (past that, aborts are pushed again — harmless, resolving is idempotent).
 */
final class CoordinatorRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorRecovery.class);
    /** How many keys one {@code Resolve} of a recovered decision names at most. */
    static final int RESOLVE_BATCH = 1_000;
    static final int PAGE = 1000;
    static final int PAGES_PER_PASS = 10;
    static final int MAX_ABORTS_REMEMBERED = 100_000;

    private final Groups cluster;
    private final TxnClock clock;
    private final Predicate<GroupName> leadsHere;
    private final long graceMillis;
    private final Map<Integer, Cycle> cycles = new ConcurrentHashMap<>();

    CoordinatorRecovery(Groups cluster, Predicate<GroupName> leadsHere, long graceMillis, TxnClock clock) {
        this.cluster = cluster;
        this.clock = clock;
        this.leadsHere = leadsHere;
        this.graceMillis = graceMillis;
    }

    /** One pass over the coordinator groups led here; returns how many decisions it finished. */
    int runOnce() {
        int finished = 0;
        for (int k = 0; k < cluster.coordinatorCount(); k++) {
            if (leadsHere.test(GroupName.coord(k))) {
                finished += recover(cluster.coordinator(k), cycles.computeIfAbsent(k, i -> new Cycle()));
            }
        }
        return finished;
    }

    /** How many pushed aborts are remembered, over every coordinator (tests). */
    int abortsRemembered() {
        return cycles.values().stream().mapToInt(c -> c.pushed.size()).sum();
    }

    private int recover(GroupClient coord, Cycle cycle) {
        long cutoff = clock.wallMillis() - graceMillis;
        int finished = 0;
        for (int page = 0; page < PAGES_PER_PASS; page++) {
            ShardReply r = Futures.reply(coord.query(new ShardQuery.ScanMeta(Decisions.PREFIX, cycle.after, PAGE)));
            if (!(r instanceof ShardReply.MetaEntries entries)) return finished;
            finished += finish(coord, entries.entries(), cutoff, cycle);
            if (entries.entries().size() < PAGE) {
                cycle.restart();
                break;
            }
            cycle.after = entries.entries().lastKey();
        }
        if (finished > 0) {
            LOG.info("{}: finished {} decided transactions left by their drivers", coord.name(), finished);
        }
        return finished;
    }

    /** Pushes the page's decisions that are past the grace period; forgets the commits among them. */
    private int finish(GroupClient coord, SortedMap<String, byte[]> page, long cutoff, Cycle cycle) {
        List<Long> forget = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : page.entrySet()) {
            DecisionRecord d = DecisionRecord.decode(Decisions.startTsOf(e.getKey()), e.getValue());
            if (d.decidedAtMillis() > cutoff) continue;
            if (!d.committed() && cycle.pushed.contains(d.startTs())) {
                cycle.seen.add(d.startTs());
                continue;
            }
            if (!push(d)) continue;
            if (d.committed()) {
                forget.add(d.startTs());
            } else if (cycle.pushed.size() < MAX_ABORTS_REMEMBERED) {
                cycle.pushed.add(d.startTs());
                cycle.seen.add(d.startTs());
            }
        }
        if (!forget.isEmpty()) Futures.ok(Futures.reply(coord.submit(new TxnCommand.ForgetDecisions(forget))));
        return forget.size();
    }

    /** Where the walk over one coordinator's decisions stands, and the aborts it pushed. */
    private static final class Cycle {
        /** The last decision name read; null: the next pass starts at the first. */
        volatile String after;
        /** Aborts pushed to their participants already. */
        final Set<Long> pushed = ConcurrentHashMap.newKeySet();
        /** Remembered aborts this cycle found still in the log. */
        final Set<Long> seen = ConcurrentHashMap.newKeySet();

        /** The walk reached the end: forget the pushed aborts the log no longer holds, start over. */
        void restart() {
            pushed.retainAll(seen);
            seen.clear();
            after = null;
        }
    }

    /**
     * Resolves the decision on its participants (on every data group if they are unknown). The keys the
     * transaction still holds are found by reading each group's locks (off its apply thread) and resolved
     * by name, {@value #RESOLVE_BATCH} a time: a key-less {@code Resolve} would scan every lock of the group
     * while applying, and the group's writes would wait behind it.
     */
    private boolean push(DecisionRecord d) {
        List<GroupName> groups = d.participants();
        if (groups.isEmpty()) groups = cluster.groupsFor(new byte[0], null);
        try {
            for (GroupName g : groups) {
                List<byte[]> held = new ArrayList<>();
                LockPages.forEach(cluster.group(g), e -> {
                    if (e.lock().heldBy(d.startTs()).isPresent()) held.add(e.key());
                });
                for (int from = 0; from < held.size(); from += RESOLVE_BATCH) {
                    List<byte[]> keys = held.subList(from, Math.min(held.size(), from + RESOLVE_BATCH));
                    Futures.ok(Futures.reply(cluster.group(g)
                            .submit(new ShardCommand.Resolve(d.startTs(), d.commitTs(), List.copyOf(keys)))));
                }
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("transaction {}: pushing its decision failed, will retry: {}", d.startTs(), e.toString());
            return false;
        }
    }
}
