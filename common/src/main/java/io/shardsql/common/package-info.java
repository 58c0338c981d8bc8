/**
 * Shared vocabulary of every module: {@link io.shardsql.common.ErrorCode} (numbered, with SQLState and
 * a retryable flag) and {@link io.shardsql.common.ShardSqlException}, the only exception that crosses
 * module boundaries. No dependencies beyond the JDK and SLF4J.
 */
package io.shardsql.common;
