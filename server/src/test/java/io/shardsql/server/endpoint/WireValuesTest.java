package io.shardsql.server.endpoint;

import io.shardsql.protocol.value.Value;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class WireValuesTest {

    @Test
    void numbersGoOutAsTheirColumnsType() {
        assertThat(WireValues.value(Types.DOUBLE, new BigDecimal("1.5"))).isEqualTo(Value.of(1.5d));
        assertThat(WireValues.value(Types.BIGINT, 7)).isEqualTo(Value.of(7L));
        assertThat(WireValues.value(Types.INTEGER, 7L)).isEqualTo(Value.of(7));
        assertThat(WireValues.value(Types.SMALLINT, 7)).isEqualTo(Value.of((short) 7));
        assertThat(WireValues.value(Types.DECIMAL, 2.5d)).isEqualTo(Value.of(new BigDecimal("2.5")));
        assertThat(WireValues.value(Types.REAL, 0.5d)).isEqualTo(Value.of(0.5f));
    }

    @Test
    void otherValuesKeepTheirType() {
        assertThat(WireValues.value(Types.VARCHAR, null)).isEqualTo(Value.NULL);
        assertThat(WireValues.value(Types.CHAR, 'x')).isEqualTo(Value.of("x"));
        assertThat(WireValues.value(Types.DATE, LocalDate.of(2026, 11, 25))).isEqualTo(Value.of(LocalDate.of(2026, 11, 25)));
        assertThat(WireValues.value(Types.BOOLEAN, true)).isEqualTo(Value.of(true));
    }

    @Test
    void aRowsSizeEstimateGrowsWithItsText() {
        assertThat(WireValues.estimatedBytes(new Object[] {"x".repeat(1000)})).isGreaterThan(1000);
        assertThat(WireValues.estimatedBytes(new Object[] {1, 2L})).isLessThan(40);
    }
}
