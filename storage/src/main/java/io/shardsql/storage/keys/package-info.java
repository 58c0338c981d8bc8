/**
 * Order-preserving ("memcomparable") encoding of SQL values into byte-array keys.
 *
 * <p>Keys are compared as unsigned lexicographic bytes ({@link java.util.Arrays#compareUnsigned(byte[], byte[])},
 * RocksDB's default comparator). The SQL layer builds a row key as {@code tableId | pk col 1 | pk col 2 ...}
 * and an index key as {@code indexId | index cols | pk cols} with a {@link io.shardsql.storage.keys.KeyWriter},
 * and walks a key back into values with a {@link io.shardsql.storage.keys.KeyReader}, which is told the
 * type and order of each component (the schema).
 *
 * <h2>What lives here</h2>
 * <ul>
 *   <li>{@link io.shardsql.storage.keys.KeyWriter}, {@link io.shardsql.storage.keys.KeyReader}: append and
 *       read key components; the entry points.</li>
 *   <li>{@link io.shardsql.storage.keys.KeyType}: the value types a component can hold; each constant
 *       draws the byte layout of its type.</li>
 *   <li>{@link io.shardsql.storage.keys.KeyOrder}: ASC or DESC, and where NULL sorts.</li>
 *   <li>{@link io.shardsql.storage.keys.KeyRanges}: helpers for range scans ({@code prefixEnd}).</li>
 *   <li>Package-private, one job each: {@code GrowableBytes} (the writer's buffer), {@code ByteCursor}
 *       (bounds-checked reading, error messages), {@code EscapedBytes} (the 0x00 escape scheme of strings
 *       and bytes), {@code Utf8Strings} (strict UTF-8), {@code DecimalCodec} (DECIMAL),
 *       {@code OrderedVarint} (the decimal exponent), {@code OrderedFloats} (REAL/DOUBLE bits).</li>
 * </ul>
 *
 * <h2>Key layout</h2>
 * <pre>
 * key       = | id (4, optional, raw unsigned big-endian, no tag) | component | component | ... |
 * component = | tag (1) | payload (depends on type and order; self-delimiting) |
 * NULL      = | tag 0x01 (1) |      when the component sorts NULLS FIRST (default for DESC)
 *           | | tag 0xFE (1) |      when the component sorts NULLS LAST  (default for ASC)
 * </pre>
 *
 * <h2>Tags</h2>
 * Every value tag is even for ASC and odd (ASC tag + 1) for DESC, so the reader can tell a component
 * of the wrong type or direction from a right one. All value tags lie strictly between the two NULL tags.
 * <pre>
 * | 0x01 NULL, NULLS FIRST   |                         |
 * | 0x10 BOOLEAN ASC         | 0x11 BOOLEAN DESC       |
 * | 0x12 LONG ASC            | 0x13 LONG DESC          |
 * | 0x14 DECIMAL ASC         | 0x15 DECIMAL DESC       |
 * | 0x16 FLOAT ASC           | 0x17 FLOAT DESC         |
 * | 0x18 DOUBLE ASC          | 0x19 DOUBLE DESC        |
 * | 0x1A STRING ASC          | 0x1B STRING DESC        |
 * | 0x1C BYTES ASC           | 0x1D BYTES DESC         |
 * | 0x1E DATE ASC            | 0x1F DATE DESC          |
 * | 0x20 TIME ASC            | 0x21 TIME DESC          |
 * | 0x22 TIMESTAMP ASC       | 0x23 TIMESTAMP DESC     |
 * | 0x24 TIMESTAMP_TZ ASC    | 0x25 TIMESTAMP_TZ DESC  |
 * | 0xFE NULL, NULLS LAST    |                         |
 * </pre>
 *
 * <h2>Why the order holds</h2>
 * <ul>
 *   <li><b>One column, values:</b> all values of a column carry the same tag, so the payloads decide;
 *       each type's ASC payload is built so that unsigned byte order is the SQL order
 *       (see {@link io.shardsql.storage.keys.KeyType}).</li>
 *   <li><b>One column, NULL:</b> 0x01 is below and 0xFE above every value tag.</li>
 *   <li><b>Descending:</b> the DESC payload is the bitwise NOT ({@code b XOR 0xFF}) of the ASC payload;
 *       the tag is not inverted. The ASC payloads of a type form a prefix-free set (no payload is a
 *       proper prefix of another: fixed width, or closed by a terminator), and for a prefix-free set
 *       flipping every bit exactly reverses the unsigned order and keeps it prefix-free.</li>
 *   <li><b>Composite keys:</b> because every component is prefix-free, the first differing byte of two
 *       keys lies in the first differing component, so keys compare lexicographically by component:
 *       {@code ("a", 2) < ("ab", 1)}.</li>
 * </ul>
 */
package io.shardsql.storage.keys;
