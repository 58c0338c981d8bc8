/**
 * SNAPSHOT: a globally consistent backup of the whole database, taken while it keeps serving writes,
 * by passing markers through the replicated logs (ARCHITECTURE §5; Chandy–Lamport with the in-flight
 * two-phase commits as the cut's channel state; docs/backup.md).
 *
 * <pre>
 *  initiator: S = a fresh start timestamp (after SNAPSHOT began: the real-time guarantee)
 *     phase 1: Marker(e, S) ──► every coord-k log       (decisions below S are in coord-k's part)
 *     phase 2: Marker(e, S) ──► control, every shard-i  (versions and locks, in each group's part)
 *  each replica, applying the marker: checkpoint of the state before it = its part; fence := S
 *  after its marker a group refuses any commit below S (EPOCH_FENCED); the committer takes a new
 *  timestamp, above S, and commits again — so the cut is exactly "every commit below S".
 * </pre>
 *
 * This module holds the log side ({@code log}: the marker, the fence, the parts), the driver
 * ({@code impl}: the registry, the phases, the copy of the parts, the channel state and the manifest),
 * {@code verify} (checks a backup without changing it) and {@code restore} (normalizes its parts to the
 * cut and seeds a new cluster's replicas).
 */
package io.shardsql.snapshot;
