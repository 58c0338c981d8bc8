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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Finishes what drivers left: on the node that leads a coordinator group, decisions still in its log
 * after a grace period are pushed to their participants (locks resolved) and commit decisions are
 * then forgotten. A new coordinator leader thereby finishes every transaction its predecessor (or a
 * dead driver) decided. Abort decisions stay until garbage collection passes them: a late commit
 * attempt must keep finding them.
 */
final class CoordinatorRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorRecovery.class);
    private static final int PAGE = 1000;

    private final Groups cluster;
    private final TxnClock clock;
    private final Predicate<GroupName> leadsHere;
    private final long graceMillis;
    private final Set<Long> abortsPushed = ConcurrentHashMap.newKeySet();

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
            if (leadsHere.test(GroupName.coord(k))) finished += recover(cluster.coordinator(k));
        }
        return finished;
    }

    private int recover(GroupClient coord) {
        ShardReply r = Futures.reply(coord.query(new ShardQuery.ScanMeta(Decisions.PREFIX, PAGE)));
        if (!(r instanceof ShardReply.MetaEntries entries)) return 0;
        long cutoff = clock.wallMillis() - graceMillis;
        List<Long> forget = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : entries.entries().entrySet()) {
            DecisionRecord d = DecisionRecord.decode(Decisions.startTsOf(e.getKey()), e.getValue());
            if (d.decidedAtMillis() > cutoff || (!d.committed() && abortsPushed.contains(d.startTs()))) continue;
            if (!push(d)) continue;
            if (d.committed()) forget.add(d.startTs());
            else abortsPushed.add(d.startTs());
        }
        if (!forget.isEmpty()) Futures.ok(Futures.reply(coord.submit(new TxnCommand.ForgetDecisions(forget))));
        if (!forget.isEmpty()) {
            LOG.info("{}: finished {} decided transactions left by their drivers", coord.name(), forget.size());
        }
        return forget.size();
    }

    /** Resolves the decision on its participants (on every data group if they are unknown). */
    private boolean push(DecisionRecord d) {
        List<GroupName> groups = d.participants();
        if (groups.isEmpty()) groups = cluster.groupsFor(new byte[0], null);
        try {
            for (GroupName g : groups) {
                Futures.ok(Futures.reply(cluster.group(g)
                        .submit(new ShardCommand.Resolve(d.startTs(), d.commitTs(), List.of()))));
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("transaction {}: pushing its decision failed, will retry: {}", d.startTs(), e.toString());
            return false;
        }
    }
}
