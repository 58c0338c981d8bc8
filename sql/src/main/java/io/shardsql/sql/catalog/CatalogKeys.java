package io.shardsql.sql.catalog;

import io.shardsql.storage.keys.KeyRanges;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The keys of the catalog and its bookkeeping, all under the system prefix, so they live in the
 * {@code control} group and take part in transactions like data keys.
 *
 * <pre>
 * \0sys/catalog/version              → | version (8, BE) |            raised by every DDL change; absent = 0
 * \0sys/catalog/next-id              → | next free id (4, BE) |       table and index ids; absent = 1
 * \0sys/catalog/table/&lt;name UTF-8&gt;    → CatalogCodec(TableDef)
 * \0sys/catalog/rowid/&lt;table id (4)&gt;  → | next free hidden row id (8, BE) |  (RowIdSequence reserves ranges)
 * \0sys/catalog/purge/&lt;id (4)&gt;        → | kind (1): 'T' table, 'I' index |   a dropped id whose keys
 *                                                                                  are still to delete
 * \0sys/catalog/sequence/&lt;name UTF-8&gt; → SequenceCodec(SequenceDef)
 * \0sys/catalog/seqvalue/&lt;seq id (4)&gt; → | incarnation (8) | last value (8) | called (1) |  (SequenceCodec)
 *                                      absent or of another incarnation = (START, not called); written
 *                                      outside the catalog version
 * \0sys/catalog/acl/table/&lt;name&gt;     → AclCodec(Acl): the table's owner and grants
 * \0sys/catalog/acl/sequence/&lt;name&gt;  → AclCodec(Acl): the sequence's owner (its creator; none for a
 *                                      SERIAL or identity column's) and grants
 * \0sys/catalog/acl/database          → AclCodec(Acl): who was granted CREATE on the database
 * \0sys/catalog/role/&lt;name UTF-8&gt;     → AclCodec members: a role and its members
 * \0sys/catalog/view/&lt;name UTF-8&gt;     → ViewCodec(ViewDef); owner and grants: acl/table/&lt;name&gt;
 * </pre>
 *
 * Ids are below {@link #MAX_ID}: a row or index key starts with its 4-byte id, and ids from
 * {@code 0x0073_0000} up could begin with the bytes of {@code "\0sys/"} ({@code 00 73 79 73 2F}).
 */
public final class CatalogKeys {
    /** The first id handed out. */
    public static final int FIRST_ID = 1;
    /** Ids stay below this, so that no row key can look like a system key. */
    public static final int MAX_ID = 0x0070_0000;

    /**
     * Under the system prefix ({@code storage.raft.ShardMap.SYSTEM_PREFIX}, which sql may not import: it works
     * through txn).
     */
    static final String ROOT = "\0sys/catalog/";
    public static final byte[] VERSION = bytes(ROOT + "version");
    public static final byte[] NEXT_ID = bytes(ROOT + "next-id");
    public static final byte[] TABLE_PREFIX = bytes(ROOT + "table/");
    public static final byte[] ROW_ID_PREFIX = bytes(ROOT + "rowid/");
    public static final byte[] PURGE_PREFIX = bytes(ROOT + "purge/");
    public static final byte[] SEQUENCE_PREFIX = bytes(ROOT + "sequence/");
    public static final byte[] SEQUENCE_VALUE_PREFIX = bytes(ROOT + "seqvalue/");
    public static final byte[] TABLE_ACL_PREFIX = bytes(ROOT + "acl/table/");
    public static final byte[] SEQUENCE_ACL_PREFIX = bytes(ROOT + "acl/sequence/");
    public static final byte[] DATABASE_ACL = bytes(ROOT + "acl/database");
    public static final byte[] ROLE_PREFIX = bytes(ROOT + "role/");
    public static final byte[] VIEW_PREFIX = bytes(ROOT + "view/");

    private CatalogKeys() {}

    public static byte[] table(String name) {
        return concat(TABLE_PREFIX, bytes(name));
    }

    public static String tableName(byte[] key) {
        return new String(key, TABLE_PREFIX.length, key.length - TABLE_PREFIX.length, StandardCharsets.UTF_8);
    }

    public static byte[] tableAcl(String name) {
        return concat(TABLE_ACL_PREFIX, bytes(name));
    }

    public static byte[] sequenceAcl(String name) {
        return concat(SEQUENCE_ACL_PREFIX, bytes(name));
    }

    public static byte[] view(String name) {
        return concat(VIEW_PREFIX, bytes(name));
    }

    public static byte[] role(String name) {
        return concat(ROLE_PREFIX, bytes(name));
    }

    /** The name after {@code prefix} in {@code key}. */
    public static String nameAfter(byte[] prefix, byte[] key) {
        return new String(key, prefix.length, key.length - prefix.length, StandardCharsets.UTF_8);
    }

    public static byte[] rowIdSequence(int tableId) {
        return concat(ROW_ID_PREFIX, ByteBuffer.allocate(4).putInt(tableId).array());
    }

    public static byte[] sequence(String name) {
        return concat(SEQUENCE_PREFIX, bytes(name));
    }

    public static String sequenceName(byte[] key) {
        return new String(key, SEQUENCE_PREFIX.length, key.length - SEQUENCE_PREFIX.length, StandardCharsets.UTF_8);
    }

    /** Where the value of sequence {@code id} is (SequenceCodec.Value). */
    public static byte[] sequenceValue(int id) {
        return concat(SEQUENCE_VALUE_PREFIX, ByteBuffer.allocate(4).putInt(id).array());
    }

    public static byte[] purge(int id) {
        return concat(PURGE_PREFIX, ByteBuffer.allocate(4).putInt(id).array());
    }

    public static int purgedId(byte[] key) {
        return ByteBuffer.wrap(key, PURGE_PREFIX.length, 4).getInt();
    }

    /** The first key after every key starting with {@code prefix}. */
    public static byte[] end(byte[] prefix) {
        return KeyRanges.prefixEnd(prefix);
    }

    public static byte[] longValue(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    public static long longOf(byte[] v) {
        return ByteBuffer.wrap(v).getLong();
    }

    public static byte[] intValue(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    public static int intOf(byte[] v) {
        return ByteBuffer.wrap(v).getInt();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }
}
