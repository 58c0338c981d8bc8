package io.shardsql.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class ProtocolVersionTest {

    @Test
    void picksTheHighestCommonVersion() {
        assertThat(ProtocolVersion.negotiate(List.of(1))).isEqualTo(1);
        assertThat(ProtocolVersion.negotiate(List.of(2, 1), List.of(1))).isEqualTo(1);   // v2 client, v1 server
        assertThat(ProtocolVersion.negotiate(List.of(1), List.of(1, 2))).isEqualTo(1);   // v1 client, v2 server
        assertThat(ProtocolVersion.negotiate(List.of(1, 3, 2), List.of(1, 2, 3))).isEqualTo(3);
    }

    @Test
    void noCommonVersionIs08004() {
        assertThatThrownBy(() -> ProtocolVersion.negotiate(List.of(2), List.of(1)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.sqlState()).isEqualTo("08004"));
        assertThatThrownBy(() -> ProtocolVersion.negotiate(List.of()))
                .isInstanceOf(ProtocolException.class);
    }
}
