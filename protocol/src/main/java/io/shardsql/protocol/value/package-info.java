/**
 * Typed SQL values as they cross the wire: {@link io.shardsql.protocol.value.Value} (a sealed family of
 * records, one per {@link io.shardsql.protocol.value.ValueType}), {@link io.shardsql.protocol.value.Row}
 * and {@link io.shardsql.protocol.value.Bytes}. Plain data, no Netty.
 */
package io.shardsql.protocol.value;
