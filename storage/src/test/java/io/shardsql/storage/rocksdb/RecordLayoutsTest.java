package io.shardsql.storage.rocksdb;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.AppliedIndex;
import io.shardsql.storage.Lock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The value layouts: {@link VersionValues}, {@link LockCodec}, {@link MetaLayout}. */
@Timeout(10)
class RecordLayoutsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void versionValuesTellPutsEmptyPutsAndDeletesApart() {
        assertThat(HEX.formatHex(VersionValues.encode(b("hi")))).isEqualTo("016869");
        assertThat(HEX.formatHex(VersionValues.encode(null))).isEqualTo("02");
        assertThat(VersionValues.decode(VersionValues.encode(b("hi")))).isEqualTo(b("hi"));
        assertThat(VersionValues.decode(VersionValues.encode(new byte[0]))).isEmpty();
        assertThat(VersionValues.decode(VersionValues.encode(null))).isNull();
        assertThat(VersionValues.isDelete(VersionValues.encode(null))).isTrue();
        assertThat(VersionValues.isDelete(VersionValues.encode(new byte[0]))).isFalse();
        assertCorrupted(() -> VersionValues.decode(new byte[0]));
        assertCorrupted(() -> VersionValues.decode(HEX.parseHex("0201")));
        assertCorrupted(() -> VersionValues.decode(HEX.parseHex("07")));
    }

    @Test
    void locksRoundTripInTheirLayout() {
        Lock put = new Lock(0x0102, b("p"), b("v"), 0x0A);
        assertThat(HEX.formatHex(LockCodec.encode(put)))
                .isEqualTo("01" + "0000000000000102" + "000000000000000a" + "00000001" + "70" + "76");
        for (Lock lock : new Lock[] {put, new Lock(9, b(""), null, 0), new Lock(Long.MAX_VALUE, b("pk\0"), new byte[0], -1)}) {
            assertThat(LockCodec.decode(LockCodec.encode(lock))).isEqualTo(lock);
        }
        assertThat(LockCodec.decode(LockCodec.encode(new Lock(9, b("x"), null, 0))).isDelete()).isTrue();
        assertThat(LockCodec.decode(LockCodec.encode(new Lock(9, b("x"), new byte[0], 0))).isDelete()).isFalse();
    }

    @Test
    void rowLocksRoundTripInTheirLayoutAndSharedOnesKeepEveryHolder() {
        Lock exclusive = Lock.rowLock(0x0102, b("p"), 0x0A, Lock.Mode.EXCLUSIVE);
        assertThat(HEX.formatHex(LockCodec.encode(exclusive)))
                .isEqualTo("03" + "0000000000000102" + "000000000000000a" + "00000001" + "70");
        Lock shared = Lock.rowLock(5, b("p"), 7, Lock.Mode.SHARED)
                .withSharer(Lock.rowLock(6, b("qq"), 8, Lock.Mode.SHARED));
        assertThat(HEX.formatHex(LockCodec.encode(shared))).isEqualTo("04" + "0000000000000005" + "0000000000000007"
                + "00000001" + "70" + "0000000000000006" + "0000000000000008" + "00000002" + "7171");
        for (Lock lock : new Lock[] {exclusive, shared, Lock.rowLock(1, b(""), 0, Lock.Mode.SHARED)}) {
            assertThat(LockCodec.decode(LockCodec.encode(lock))).isEqualTo(lock);
        }
        assertThat(LockCodec.decode(LockCodec.encode(shared)).holders()).extracting(Lock::startTs).containsExactly(5L, 6L);
        byte[] exclusiveWithValue = java.util.Arrays.copyOf(LockCodec.encode(exclusive), 23);
        assertCorrupted(() -> LockCodec.decode(exclusiveWithValue));
        byte[] cutSharer = java.util.Arrays.copyOf(LockCodec.encode(shared), 30);
        assertCorrupted(() -> LockCodec.decode(cutSharer));
    }

    @Test
    void malformedLocksAreReportedAsCorruption() {
        byte[] good = LockCodec.encode(new Lock(1, b("primary"), b("v"), 5));
        assertCorrupted(() -> LockCodec.decode(new byte[0]));
        assertCorrupted(() -> LockCodec.decode(java.util.Arrays.copyOf(good, 20)));
        byte[] badKind = good.clone();
        badKind[0] = 9;
        assertCorrupted(() -> LockCodec.decode(badKind));
        byte[] badLength = good.clone();
        badLength[17] = 0x7F;
        assertCorrupted(() -> LockCodec.decode(badLength));
        byte[] deleteWithValue = good.clone();
        deleteWithValue[0] = 2;
        assertCorrupted(() -> LockCodec.decode(deleteWithValue));
    }

    @Test
    void metaKeysNeverCollideAndTheAppliedIndexRoundTrips() {
        assertThat(HEX.formatHex(MetaLayout.appliedIndexKey())).isEqualTo("01");
        assertThat(HEX.formatHex(MetaLayout.namedKey(""))).isEqualTo("02");
        assertThat(HEX.formatHex(MetaLayout.namedKey("é"))).isEqualTo("02c3a9");
        assertThat(MetaLayout.decodeAppliedIndex(null)).isEqualTo(AppliedIndex.NONE);
        assertThat(MetaLayout.decodeAppliedIndex(MetaLayout.encodeAppliedIndex(3, 77))).isEqualTo(new AppliedIndex(3, 77));
        assertCorrupted(() -> MetaLayout.decodeAppliedIndex(new byte[3]));
    }

    private static void assertCorrupted(ThrowingCallable decode) {
        ShardSqlException e = catchThrowableOfType(ShardSqlException.class, decode);
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_CORRUPTED);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
