package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.txn.CommitStep;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TxnMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commit that reaches a group after that group applied a snapshot's marker, with a commit timestamp
 * below the cut, is refused by the epoch fence; the committer takes a new timestamp and commits again,
 * above the cut (ARCHITECTURE §5: pushed, never lost, never failed because of the snapshot). The fence
 * is raised while the transaction decides, as a marker arriving then would.
 */
@Timeout(10)
class EpochFencePushTest extends TxnFixture {

    @Test
    void aOneShardCommitBelowTheCutIsPushedAboveIt() {
        byte[] key = key(0, "k");
        long[] cut = new long[1];
        hook = (step, startTs, group) -> {
            if (step == CommitStep.DECIDING) {
                cut[0] = txns.now() + 2; // the next timestamp is below it: the first CommitLocal is refused
                groups.fences().raise(GroupName.shard(0), cut[0]);
            }
        };

        long committed = write(key, "v");

        assertThat(committed).isGreaterThanOrEqualTo(cut[0]);
        assertThat(kinds(shard(0))).containsExactly("Prepare", "CommitLocal", "CommitLocal");
        assertThat(read(key)).contains("v");
        assertThat(locks()).isEmpty();
    }

    @Test
    void aDecisionBelowTheCutIsMadeAgainAboveIt() {
        byte[] a = key(0, "a");
        byte[] b = key(1, "b");
        long[] cut = new long[1];
        hook = (step, startTs, group) -> {
            if (step == CommitStep.DECIDING) {
                cut[0] = txns.now() + 2;
                groups.fences().raise(GroupName.coord(0), cut[0]);
                groups.fences().raise(GroupName.coord(1), cut[0]);
            }
        };

        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        tx.put(a, b("1"));
        tx.put(b, b("2"));
        long committed = tx.commit();

        assertThat(committed).isGreaterThanOrEqualTo(cut[0]);
        long decisions = kinds(coord(0)).stream().filter("RecordDecision"::equals).count()
                + kinds(coord(1)).stream().filter("RecordDecision"::equals).count();
        assertThat(decisions).isEqualTo(2);
        assertThat(read(a)).contains("1");
        assertThat(read(b)).contains("2");
    }

    @Test
    void aFenceThatNeverLetsTheCommitPassAbortsItAndReleasesItsLocks() {
        byte[] key = key(2, "k");
        groups.fences().raise(GroupName.shard(2), Long.MAX_VALUE);

        assertThat(codeOf(() -> write(key, "v"))).isEqualTo(ErrorCode.EPOCH_FENCED);

        assertThat(kinds(shard(2)).stream().filter("CommitLocal"::equals).count()).isEqualTo(CommitProtocol.MAX_FENCED);
        assertThat(read(key)).isEmpty();
        assertThat(locks()).isEmpty();
    }
}
