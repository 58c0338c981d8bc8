/**
 * {@code bin/shardsql backup verify}: checks a backup without restoring it and without changing a byte
 * of it ({@link io.shardsql.snapshot.verify.BackupVerifier}), and says what it checked
 * ({@link io.shardsql.snapshot.verify.VerifyReport}).
 */
package io.shardsql.snapshot.verify;
