package io.shardsql.server;

import io.shardsql.common.ShardSqlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirTest {
    @TempDir
    Path tmp;

    @Test
    void aDirectoryHoldingOnlyARestoresSeedsIsAcceptedAndRaftDataWithoutIdentityIsNot() throws Exception {
        NodeConfig config = EmbeddedCluster.configs(tmp, 9470, 2, new Properties()).get(0);
        Files.createDirectories(config.dataDir().resolve("restore").resolve("shard-0"));
        new DataDir(config.dataDir()).prepare(config);
        assertThat(config.dataDir().resolve("NODE")).exists();

        NodeConfig other = EmbeddedCluster.configs(tmp.resolve("x"), 9470, 2, new Properties()).get(1);
        Files.createDirectories(other.dataDir().resolve("raft").resolve("g"));
        assertThatThrownBy(() -> new DataDir(other.dataDir()).prepare(other)).isInstanceOf(ShardSqlException.class);
    }
}
