package io.shardsql.storage.rocksdb;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Timeout(10)
class RocksSettingsTest {

    @Test
    void defaultsBoundMemoryAtTheBlockCache() {
        RocksSettings defaults = RocksSettings.defaults();
        assertThat(defaults.blockCacheBytes()).isEqualTo(256L << 20);
        assertThat(defaults.writeBufferBytes()).isEqualTo(128L << 20);
    }

    @Test
    void sizesParseWithBinaryUnits() {
        Properties props = new Properties();
        props.setProperty(RocksSettings.BLOCK_CACHE_BYTES.name(), "1GiB");
        props.setProperty(RocksSettings.WRITE_BUFFER_BYTES.name(), "64 MiB");
        props.setProperty(RocksSettings.MAX_WAL_BYTES_PER_STORE.name(), "1048576");
        RocksSettings settings = RocksSettings.from(props);
        assertThat(settings.blockCacheBytes()).isEqualTo(1L << 30);
        assertThat(settings.writeBufferBytes()).isEqualTo(64L << 20);
        assertThat(settings.maxWalBytesPerStore()).isEqualTo(1L << 20);
        assertThat(RocksSettings.parseBytes("64kib")).isEqualTo(64L << 10);
    }

    @Test
    void badOrInconsistentValuesAreConfigErrors() {
        Properties props = new Properties();
        props.setProperty(RocksSettings.BLOCK_CACHE_BYTES.name(), "lots");
        assertThat(catchThrowableOfType(ShardSqlException.class, () -> RocksSettings.from(props)).code())
                .isEqualTo(ErrorCode.CONFIG_INVALID);
        ShardSqlException tooBig = catchThrowableOfType(ShardSqlException.class, () -> new RocksSettings(1 << 20, 1 << 20, 1, 1));
        assertThat(tooBig.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
        assertThat(tooBig.getMessage()).contains(RocksSettings.WRITE_BUFFER_BYTES.name());
    }
}
