/**
 * The SNAPSHOT driver and its helpers: {@link io.shardsql.snapshot.impl.SnapshotDriver} (the phases, the
 * copy, the manifest), {@link io.shardsql.snapshot.impl.SnapshotRegistry} (the snapshots in {@code control},
 * one at a time), {@link io.shardsql.snapshot.impl.PartPipeline} (parts copied and read several at a time),
 * {@link io.shardsql.snapshot.impl.PartCopier} (parts from any replica, verified),
 * {@link io.shardsql.snapshot.impl.ChannelState} (in-flight transactions in or out of the cut) and
 * {@link io.shardsql.snapshot.impl.PartReader} (reading a copied part without changing it).
 */
package io.shardsql.snapshot.impl;
