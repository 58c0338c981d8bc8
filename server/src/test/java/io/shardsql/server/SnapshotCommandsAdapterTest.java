package io.shardsql.server;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.snapshot.SnapshotInfo;
import io.shardsql.snapshot.SnapshotService;
import io.shardsql.snapshot.SnapshotState;
import io.shardsql.sql.exec.SnapshotCommands;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The snapshot service as the SQL engine sees it: fields mapped one to one, errors unchanged. */
class SnapshotCommandsAdapterTest {
    private static final Instant T0 = Instant.parse("2024-06-01T10:00:00Z");
    private static final SnapshotInfo DONE = new SnapshotInfo("nightly", "n1", "/b/nightly", 7, 900, SnapshotState.COMPLETE,
            5, 5, 4096, 17, T0, T0.plusMillis(2500), null);
    private static final SnapshotInfo RUNNING = new SnapshotInfo("now", "n2", "/b/now", 8, 901, SnapshotState.RUNNING,
            1, 5, 10, -1, T0, null, null);

    private final List<String> calls = new ArrayList<>();
    private final SnapshotCommands adapter = new SnapshotCommandsAdapter(new SnapshotService() {
        @Override
        public SnapshotInfo take(Optional<String> name) {
            calls.add("take " + name.orElse("-"));
            return DONE;
        }

        @Override
        public List<SnapshotInfo> list() { return List.of(DONE, RUNNING); }

        @Override
        public void drop(String name) {
            if (name.equals("busy")) throw new ShardSqlException(ErrorCode.OBJECT_IN_USE, "busy");
            calls.add("drop " + name);
        }
    }, 2);

    @Test
    void takeGivesTheResultRow() {
        assertThat(adapter.take(Optional.of("nightly")))
                .isEqualTo(new SnapshotCommands.Taken("nightly", "/b/nightly", 7, 900, 2, 17, 4096, 2500));
        assertThat(calls).containsExactly("take nightly");
    }

    @Test
    void listMapsEveryFieldAndUnknownRowsAreNull() {
        assertThat(adapter.list()).containsExactly(
                new SnapshotCommands.Listed("nightly", "n1", "/b/nightly", "COMPLETE", null, 7, 900, 5, 5, 4096, 17L,
                        T0, T0.plusMillis(2500)),
                new SnapshotCommands.Listed("now", "n2", "/b/now", "RUNNING", null, 8, 901, 1, 5, 10, null, T0, null));
    }

    @Test
    void dropAndErrorsPassThrough() {
        adapter.drop("old");
        assertThat(calls).containsExactly("drop old");
        assertThat(catchThrowableOfType(ShardSqlException.class, () -> adapter.drop("busy")).code())
                .isEqualTo(ErrorCode.OBJECT_IN_USE);
        SnapshotCommands none = new SnapshotCommandsAdapter(SnapshotService.NONE, 4);
        assertThat(catchThrowableOfType(ShardSqlException.class, () -> none.take(Optional.empty())).code().sqlState())
                .isEqualTo("0A000");
        assertThat(none.list()).isEmpty();
    }
}
