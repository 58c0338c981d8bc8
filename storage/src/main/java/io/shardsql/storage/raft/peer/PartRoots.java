package io.shardsql.storage.raft.peer;

import org.apache.ratis.protocol.RaftGroupId;

import java.nio.file.Path;

/**
 * Where this node keeps the backup parts of its replica of a group ({@code <group>/sm/ext/backup}): the one
 * directory a part request ({@link PartFileServer}) may read under.
 */
@FunctionalInterface
public interface PartRoots {
    /** No parts here: every part request is refused. */
    PartRoots NONE = group -> null;

    /** The directory of {@code group}'s parts on this node; null if this node has no replica of it. */
    Path of(RaftGroupId group);
}
