package io.shardsql.server.users;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.protocol.auth.Scram;
import io.shardsql.protocol.auth.ScramCredentials;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsCodecTest {

    @Test
    void credentialsRoundTripAndHoldNoPassword() {
        ScramCredentials c = Scram.newCredentials("correct horse", 4096);
        byte[] stored = CredentialsCodec.encode(c);
        assertThat(CredentialsCodec.decode(stored)).isEqualTo(c);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("correct horse");
    }

    @Test
    void truncatedTrailingOrUnknownBytesAreCorruptionNotACrash() {
        byte[] stored = CredentialsCodec.encode(Scram.newCredentials("pw", 4096));
        for (byte[] bad : new byte[][] {Arrays.copyOf(stored, stored.length - 1), Arrays.copyOf(stored, stored.length + 1), new byte[] {9}, new byte[0]}) {
            assertThatThrownBy(() -> CredentialsCodec.decode(bad)).isInstanceOfSatisfying(ShardSqlException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_CORRUPTED));
        }
    }

    @Test
    void generatedAdminPasswordsAreLongAndDiffer() {
        String a = AdminBootstrap.generatePassword(), b = AdminBootstrap.generatePassword();
        assertThat(a).hasSize(24).isNotEqualTo(b).matches("[A-Za-z0-9_-]+");
    }
}
