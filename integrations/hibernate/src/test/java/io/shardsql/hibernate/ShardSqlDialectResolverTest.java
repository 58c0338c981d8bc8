package io.shardsql.hibernate;

import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolver;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The resolver answers for ShardSQL only, and Hibernate's way of finding resolvers (a service) finds it. */
class ShardSqlDialectResolverTest {
    @Test
    void picksTheDialectForShardSqlOnly() {
        assertThat(new ShardSqlDialectResolver().resolveDialect(info("ShardSQL"))).isInstanceOf(ShardSqlDialect.class);
        assertThat(new ShardSqlDialectResolver().resolveDialect(info("PostgreSQL"))).isNull();
    }

    @Test
    void isRegisteredAsAService() {
        assertThat(ServiceLoader.load(DialectResolver.class).stream().map(ServiceLoader.Provider::type))
                .contains(ShardSqlDialectResolver.class);
    }

    @Test
    void isPostgreSqlsDialectWithoutWhatShardSqlLacks() {
        ShardSqlDialect d = new ShardSqlDialect();
        assertThat(d).isInstanceOf(PostgreSQLDialect.class);
        assertThat(d.supportsNonQueryWithCTE()).isFalse();
        assertThat(d.supportsTemporaryTables()).isFalse();
        assertThat(d.supportsLateral()).isFalse();
        assertThat(d.useArrayForMultiValuedParameters()).isFalse();
        assertThat(d.getAlterTableString("t")).isEqualTo("alter table if exists t"); // ShardSQL parses it
    }

    private static DialectResolutionInfo info(String product) {
        return new DialectResolutionInfo() {
            @Override public String getDatabaseName() { return product; }
            @Override public String getDatabaseVersion() { return "0.1.0"; }
            @Override public int getDatabaseMajorVersion() { return 0; }
            @Override public int getDatabaseMinorVersion() { return 1; }
            @Override public String getDriverName() { return "shardsql-jdbc"; }
            @Override public int getDriverMajorVersion() { return 0; }
            @Override public int getDriverMinorVersion() { return 1; }
            @Override public String getSQLKeywords() { return ""; }
        };
    }
}
