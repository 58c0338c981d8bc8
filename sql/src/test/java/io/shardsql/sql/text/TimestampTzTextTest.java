package io.shardsql.sql.text;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampTzTextTest {

    @Test
    void offsetsAreHonouredAndNoneMeansUtc() {
        assertThat(TimestampTzText.parse("2024-02-29 13:45:30+02")).isEqualTo(Instant.parse("2024-02-29T11:45:30Z"));
        assertThat(TimestampTzText.parse("2024-02-29T13:45:30.25-01:30"))
                .isEqualTo(Instant.parse("2024-02-29T15:15:30.25Z"));
        assertThat(TimestampTzText.parse("2024-02-29 13:45 +0530")).isEqualTo(Instant.parse("2024-02-29T08:15:00Z"));
        assertThat(TimestampTzText.parse("2024-02-29 13:45:30")).isEqualTo(Instant.parse("2024-02-29T13:45:30Z"));
        assertThat(TimestampTzText.parse(" 2024-02-29 13:45:30z ")).isEqualTo(Instant.parse("2024-02-29T13:45:30Z"));
        assertThat(TimestampTzText.parse("2024-02-29 13:45:30 UTC")).isEqualTo(Instant.parse("2024-02-29T13:45:30Z"));
        assertThat(TimestampTzText.parse("2024-02-29")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
    }

    @Test
    void printsUtcWithTheFractionAsFarAsItGoes() {
        assertThat(TimestampTzText.format(Instant.parse("2024-02-29T11:45:30Z"))).isEqualTo("2024-02-29 11:45:30+00");
        assertThat(TimestampTzText.format(Instant.parse("2024-02-29T11:45:30.250Z")))
                .isEqualTo("2024-02-29 11:45:30.25+00");
        assertThat(TimestampTzText.formatMillis(0L)).isEqualTo("1970-01-01 00:00:00+00");
        assertThat(TimestampTzText.formatMillis(null)).isNull();
        assertThat(TimestampTzText.parseMillis(null)).isNull();
    }

    @Test
    void badTextIs22007AndBadFieldsAre22008() {
        assertThatThrownBy(() -> TimestampTzText.parse("yesterday")).isInstanceOf(ShardSqlException.class)
                .satisfies(e -> assertThat(((ShardSqlException) e).code()).isEqualTo(ErrorCode.INVALID_DATETIME_FORMAT));
        assertThatThrownBy(() -> TimestampTzText.parse("2024-02-30 10:00:00")).isInstanceOf(ShardSqlException.class)
                .satisfies(e -> assertThat(((ShardSqlException) e).code()).isEqualTo(ErrorCode.DATETIME_FIELD_OVERFLOW));
        assertThatThrownBy(() -> TimestampTzText.parse("2024-02-28 25:00:00")).isInstanceOf(ShardSqlException.class)
                .satisfies(e -> assertThat(((ShardSqlException) e).code()).isEqualTo(ErrorCode.DATETIME_FIELD_OVERFLOW));
    }
}
