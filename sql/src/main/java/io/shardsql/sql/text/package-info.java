/**
 * Text forms of values that ShardSQL parses and prints itself: JSON and JSONB
 * ({@link io.shardsql.sql.text.JsonText}: validation, JSONB's normal form, {@code ->} and {@code ->>}) and
 * TIMESTAMP WITH TIME ZONE ({@link io.shardsql.sql.text.TimestampTzText}).
 */
package io.shardsql.sql.text;
