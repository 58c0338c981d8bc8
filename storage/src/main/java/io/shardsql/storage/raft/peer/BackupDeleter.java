package io.shardsql.storage.raft.peer;

import java.io.IOException;

/**
 * How this node deletes one of the backups it keeps when another node runs {@code DROP SNAPSHOT}
 * (kind 5 of {@link PeerReadFrame}): the node checks the name and deletes only the directory of that
 * name right under its own backup root. Storage does not know where backups live; the node says.
 */
@FunctionalInterface
public interface BackupDeleter {
    /** This node deletes no backups: every request is refused. */
    BackupDeleter NONE = name -> {
        throw new IOException("this node deletes no backups");
    };

    /**
     * Deletes backup {@code name} (nothing to do if it is already gone) and returns its directory; throws
     * if the name is refused or a file could not be deleted.
     */
    String delete(String name) throws IOException;
}
