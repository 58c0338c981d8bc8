/**
 * {@code bin/shardsql restore}: builds a new cluster's data directories from a verified backup.
 *
 * <pre>
 *   backup/G/ ──copy──► staging/G/ ──CutNormalizer──► &lt;node&gt;/restore/G/ on each host of group G
 *                         locks settled,              sealed by CHECKPOINT.crc; a replica
 *                         versions &ge; S dropped,       with no state of its own starts
 *                         fences cleared,             from it (its seed)
 *                         applied index reset,
 *                         control: the new shard map
 * </pre>
 *
 * {@link io.shardsql.snapshot.restore.RestorePlan} says which part seeds which group on which node;
 * {@link io.shardsql.snapshot.restore.SeedWriter} does the copying and sealing, reporting progress to a
 * {@link io.shardsql.snapshot.restore.RestoreListener}. Coordinator groups start empty: every lock is
 * settled in the parts, so no decision is needed any more.
 */
package io.shardsql.snapshot.restore;
