/**
 * The cluster's certificates for the links between nodes, made with BouncyCastle: a cluster CA
 * ({@link io.shardsql.server.certs.ClusterCa}), the node and client certificates it signs, their PEM files
 * ({@link io.shardsql.server.certs.PemIo}) and the layout of a certificates directory
 * ({@link io.shardsql.server.certs.CertsDir}) that {@code bin/shardsql cert} writes and a node reads.
 */
package io.shardsql.server.certs;
