package io.shardsql.txn;

/**
 * Called by the commit protocol at each {@link CommitStep}; tests use it to kill leaders or to make the
 * driver die at an exact point. A hook that throws {@link DriverCrash} stops the driver there and
 * then: it sends nothing more, as if its process had died, and what it left is for the rest of the
 * system to finish.
 */
@FunctionalInterface
public interface CommitHook {
    CommitHook NONE = (step, startTs, group) -> {};

    /**
     * @param group the group involved: the shard for PREPARED and RESOLVED, the coordinator (or the
     *              single shard) for DECIDING and DECIDED
     */
    void reached(CommitStep step, long startTs, String group);

    /** Thrown by a hook to simulate the death of the driving process at that point. */
    final class DriverCrash extends RuntimeException {
        public DriverCrash(String message) {
            super(message);
        }
    }
}
