package io.shardsql.common.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigKeyTest {

    @Test
    void parsesSizes() {
        assertThat(ConfigKey.parseBytes("65536")).isEqualTo(65536L);
        assertThat(ConfigKey.parseBytes("64k")).isEqualTo(64L << 10);
        assertThat(ConfigKey.parseBytes("16MB")).isEqualTo(16L << 20);
        assertThat(ConfigKey.parseBytes("1g")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> ConfigKey.parseBytes("-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigKey.parseBytes("12q")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsTakeUnitsAndIsoForm() {
        assertThat(ConfigKey.parseDuration("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ConfigKey.parseDuration("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ConfigKey.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConfigKey.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(ConfigKey.parseDuration("PT3S")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aMissingKeyGivesItsDefault() {
        ConfigKey<Duration> key = ConfigKey.duration("x.timeout", Duration.ofSeconds(7), "test");
        assertThat(key.get(new Properties())).isEqualTo(Duration.ofSeconds(7));
        Properties p = new Properties();
        key.set(p, Duration.ofMillis(250));
        assertThat(key.get(p)).isEqualTo(Duration.ofMillis(250));
    }
}
