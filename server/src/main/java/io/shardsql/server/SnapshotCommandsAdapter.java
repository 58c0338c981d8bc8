package io.shardsql.server;

import io.shardsql.snapshot.SnapshotInfo;
import io.shardsql.snapshot.SnapshotService;
import io.shardsql.sql.exec.SnapshotCommands;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The node's {@link SnapshotService} as the SQL engine sees it ({@link SnapshotCommands}): the sql module
 * does not depend on the snapshot module, the server joins them. Errors pass through with their SQLState.
 */
public final class SnapshotCommandsAdapter implements SnapshotCommands {
    private final SnapshotService service;
    private final int shards;

    /** The snapshots of {@code service}, of a cluster of {@code shards} shards (the count a SNAPSHOT row shows). */
    public SnapshotCommandsAdapter(SnapshotService service, int shards) {
        this.service = service;
        this.shards = shards;
    }

    @Override
    public Taken take(Optional<String> name) {
        SnapshotInfo s = service.take(name);
        long duration = s.ended() == null ? 0 : Duration.between(s.started(), s.ended()).toMillis();
        return new Taken(s.name(), s.directory(), s.epoch(), s.cutTs(), shards, s.rows(), s.bytes(),
                duration);
    }

    @Override
    public List<Listed> list() {
        return service.list().stream().map(SnapshotCommandsAdapter::listed).toList();
    }

    @Override
    public void drop(String name) {
        service.drop(name);
    }

    /** {@code rows} is unknown (-1) until the snapshot is COMPLETE: NULL then. */
    static Listed listed(SnapshotInfo s) {
        return new Listed(s.name(), s.node(), s.directory(), s.state().name(), s.error(), s.epoch(), s.cutTs(),
                s.partsDone(), s.partsTotal(), s.bytes(), s.rows() < 0 ? null : s.rows(), s.started(), s.ended());
    }
}
